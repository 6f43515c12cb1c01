// Canned replies: choosing a template fills the reply box (data from json_script).
document.addEventListener("DOMContentLoaded", function () {
  const select = document.getElementById("pilih-templat");
  const data = document.getElementById("data-templat");
  if (!select || !data) return;
  const templat = JSON.parse(data.textContent);
  select.addEventListener("change", function () {
    const found = templat.find(function (t) { return String(t.id) === select.value; });
    const box = document.getElementById(select.dataset.templatTarget);
    if (found && box) {
      box.value = box.value ? box.value + "\n\n" + found.isi : found.isi;
      box.focus();
    }
  });
});
