// Registration documents upload one by one into the application's draft (issue 13).
// Each file is checked here first (type and size, the server's limits), then sent
// with a progress bar; the server checks it again by content. A refused file says
// why beside its field. Without this script the files go with the form as before.
(function () {
  "use strict";

  function megabytes(size) {
    // "6,2 MB" as lpse.uploads.megabytes says it.
    const value = (size / 1048576).toLocaleString("id-ID", { maximumFractionDigits: 1 });
    return value + " MB";
  }

  function allowed(input, file) {
    const accept = (input.getAttribute("accept") || "").toLowerCase().split(",").map(function (s) {
      return s.trim();
    });
    const dot = file.name.lastIndexOf(".");
    const ext = dot >= 0 ? file.name.slice(dot).toLowerCase() : "";
    const typeOk = !file.type || accept.indexOf(file.type.toLowerCase()) >= 0;
    return accept.indexOf(ext) >= 0 && typeOk;
  }

  function init(form) {
    const tokenInput = form.querySelector("[data-draft-token]");
    const csrf = form.querySelector("input[name=csrfmiddlewaretoken]");
    const box = form.querySelector("[data-draft-box]");
    const maxBytes = parseInt(form.dataset.maxBytes, 10);
    let submitWhenDone = false;

    function uploadDone() {
      if (submitWhenDone && !form.querySelector("[data-draft-busy]")) {
        submitWhenDone = false;
        form.requestSubmit();
      }
    }

    function removeUrl() {
      return form.dataset.removeUrl.replace("TOKEN", tokenInput.value);
    }

    function showDraft(info) {
      tokenInput.value = info.draf;
      box.classList.remove("d-none");
      box.querySelector("[data-draft-until]").textContent = info.berlaku_sampai;
      const link = box.querySelector("[data-draft-link]");
      link.href = info.tautan;
      link.textContent = window.location.origin + info.tautan;
      form.querySelectorAll("[data-draft-remove]").forEach(function (button) {
        button.setAttribute("formaction", info.hapus);
      });
      // A reload (or a lost connection) comes back to the draft, not to an empty form.
      if (window.location.pathname !== info.tautan && window.history.replaceState) {
        window.history.replaceState(null, "", info.tautan);
      }
    }

    function say(field, text, bad) {
      const status = field.querySelector("[data-draft-status]");
      const input = field.querySelector("input[type=file]");
      status.textContent = text;
      status.classList.toggle("text-danger", !!bad);
      status.classList.toggle("text-success-emphasis", !bad && !!text);
      input.classList.toggle("is-invalid", !!bad);
      if (bad) {
        input.setAttribute("aria-invalid", "true");
      } else {
        input.removeAttribute("aria-invalid");
      }
    }

    function attached(field, name, size) {
      const panel = field.querySelector("[data-draft-attached]");
      panel.querySelector("[data-draft-name]").textContent = name;
      panel.querySelector("[data-draft-size]").textContent = size;
      panel.classList.toggle("d-none", !name);
      field.dataset.draftUploaded = name ? "1" : "";
    }

    // One upload at a time: the first one makes the draft, the others join it (and a
    // slow phone connection is not split five ways).
    let queue = Promise.resolve();

    function upload(field, input, file) {
      field.dataset.draftBusy = "1";
      say(field, "Menunggu giliran unggah: " + file.name + " …", false);
      queue = queue.then(function () {
        return new Promise(function (resolve) {
          send(field, input, file, resolve);
        });
      });
    }

    function send(field, input, file, done) {
      const progress = field.querySelector("[data-draft-progress]");
      const data = new FormData();
      data.append("csrfmiddlewaretoken", csrf.value);
      data.append("draf", tokenInput.value);
      data.append("jenis", form.dataset.jenis);
      data.append("dokumen", field.dataset.dokumen);
      data.append("berkas", file);
      const xhr = new XMLHttpRequest();
      xhr.open("POST", form.dataset.uploadUrl);
      xhr.setRequestHeader("Accept", "application/json");
      progress.value = 0;
      progress.classList.remove("d-none");
      field.dataset.draftBusy = "1";
      say(field, "Mengunggah " + file.name + " …", false);
      xhr.upload.addEventListener("progress", function (event) {
        if (event.lengthComputable) {
          progress.value = Math.round((event.loaded / event.total) * 100);
        }
      });
      xhr.addEventListener("loadend", function () {
        delete field.dataset.draftBusy;
        progress.classList.add("d-none");
        let body = null;
        try {
          body = JSON.parse(xhr.responseText);
        } catch (e) {
          body = null;
        }
        if (xhr.status === 201 && body) {
          showDraft(body);
          attached(field, body.nama, body.ukuran);
          // The draft holds it now; the final submit need not send the bytes again.
          input.value = "";
          say(field, "Terunggah: " + body.nama + " (" + body.ukuran + ").", false);
        } else if (xhr.status === 0) {
          // No connection: the file stays chosen and goes with the form.
          say(field, "Koneksi terputus; berkas akan dikirim bersama formulir.", true);
          input.classList.remove("is-invalid");
        } else {
          input.value = "";
          say(field, (body && body.galat) || "Berkas ditolak server (kode " + xhr.status + ").", true);
        }
        done();
        uploadDone();
      });
      xhr.send(data);
    }

    form.querySelectorAll("[data-draft-field]").forEach(function (field) {
      const input = field.querySelector("input[type=file]");
      input.addEventListener("change", function () {
        const file = input.files && input.files[0];
        if (!file) {
          return;
        }
        if (!allowed(input, file)) {
          input.value = "";
          say(field, "Berkas “" + file.name + "” bukan PDF, JPEG atau PNG; pilih berkas lain.", true);
          return;
        }
        if (file.size === 0) {
          input.value = "";
          say(field, "Berkas “" + file.name + "” kosong; pilih berkas lain.", true);
          return;
        }
        if (file.size > maxBytes) {
          input.value = "";
          say(
            field,
            "Berkas “" + file.name + "” berukuran " + megabytes(file.size) + ", melebihi batas " +
              megabytes(maxBytes) + ". Pindai ulang dengan resolusi lebih rendah (150–200 dpi).",
            true
          );
          return;
        }
        upload(field, input, file);
      });
      const remove = field.querySelector("[data-draft-remove]");
      remove.addEventListener("click", function (event) {
        event.preventDefault();
        const data = new FormData();
        data.append("csrfmiddlewaretoken", csrf.value);
        data.append("dokumen", field.dataset.dokumen);
        fetch(removeUrl(), {
          method: "POST",
          body: data,
          headers: { Accept: "application/json" },
          credentials: "same-origin",
        }).then(function (response) {
          return response.json().then(function (body) {
            if (response.ok) {
              attached(field, "", "");
              say(field, "Berkas dihapus dari draf.", false);
              input.focus();
            } else {
              say(field, body.galat || "Berkas tidak dapat dihapus.", true);
            }
          });
        }).catch(function () {
          say(field, "Koneksi terputus; coba hapus lagi.", true);
        });
      });
    });

    // A submit while a document is still going up waits for it, then goes by itself.
    form.addEventListener("submit", function (event) {
      const busy = form.querySelector("[data-draft-busy]");
      if (busy) {
        event.preventDefault();
        submitWhenDone = true;
        say(busy, "Formulir dikirim begitu unggahan ini selesai …", false);
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-draft-form]").forEach(init);
  });
})();
