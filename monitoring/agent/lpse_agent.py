#!/usr/bin/env python3
"""LPSE monitoring agent: posts this server's disk, inode, RAM, swap, CPU and
network figures to the LPSE portal (Perbup Karo 02/2017 Pasal 17(1)–(2)).

One file, Python 3.8+ standard library only, Linux (/proc). Nothing else to
install.

Pemasangan (install)
--------------------
1. Di portal: Administrasi Sistem Elektronik → Aset → (server) → "Buat token
   agen". Salin token (hanya tampil sekali).
2. Di server yang dipantau, sebagai root::

       install -m 0755 lpse_agent.py /usr/local/bin/lpse_agent.py
       install -m 0600 /dev/null /etc/lpse-agent.token
       echo 'TOKEN-DARI-PORTAL' > /etc/lpse-agent.token

3a. Dengan cron (sekali kirim tiap 5 menit), ``/etc/cron.d/lpse-agent``::

       LPSE_URL=https://portal.lpse.karokab.go.id/api/infrastruktur/metrik/
       LPSE_TOKEN_FILE=/etc/lpse-agent.token
       */5 * * * * nobody /usr/local/bin/lpse_agent.py

    (the token file must then be readable by ``nobody``: ``chown nobody /etc/lpse-agent.token``)

3b. Atau dengan systemd (berjalan terus, kirim tiap 300 detik),
    ``/etc/systemd/system/lpse-agent.service``::

       [Unit]
       Description=Agen monitoring LPSE
       After=network-online.target

       [Service]
       Environment=LPSE_URL=https://portal.lpse.karokab.go.id/api/infrastruktur/metrik/
       ExecStart=/usr/local/bin/lpse_agent.py --interval 300
       Restart=always
       DynamicUser=yes
       LoadCredential=token:/etc/lpse-agent.token
       Environment=LPSE_TOKEN_FILE=%d/token

       [Install]
       WantedBy=multi-user.target

    then ``systemctl daemon-reload && systemctl enable --now lpse-agent``.

4. ``lpse_agent.py --dry-run`` prints the JSON it would send.

The portal answers 201 when stored; 401 means a wrong or revoked token, 409
a repeated timestamp, 400 a bad clock (check NTP) or a bad body. The server's
clock must be within 5 minutes of the portal's.
"""

import argparse
import json
import os
import sys
import time
import urllib.error
import urllib.request

VERSION = "1.0"
SKIP_FS = {
    "proc",
    "sysfs",
    "devtmpfs",
    "devpts",
    "tmpfs",
    "cgroup",
    "cgroup2",
    "pstore",
    "bpf",
    "securityfs",
    "debugfs",
    "tracefs",
    "configfs",
    "fusectl",
    "mqueue",
    "hugetlbfs",
    "autofs",
    "squashfs",
    "overlay",
    "nsfs",
    "ramfs",
    "rpc_pipefs",
    "binfmt_misc",
    "efivarfs",
    "iso9660",
    "fuse.lxcfs",
}


def _meminfo():
    info = {}
    with open("/proc/meminfo") as f:
        for line in f:
            key, _, rest = line.partition(":")
            parts = rest.split()
            if parts:
                info[key] = int(parts[0]) * 1024
    return info


def _cpu_times():
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return sum(fields), idle


def cpu_percent(interval=0.5):
    total1, idle1 = _cpu_times()
    time.sleep(interval)
    total2, idle2 = _cpu_times()
    dt = total2 - total1
    return round(100.0 * (1 - (idle2 - idle1) / dt), 2) if dt > 0 else 0.0


def disks():
    out, seen = [], set()
    with open("/proc/mounts") as f:
        for line in f:
            dev, mount, fstype = line.split()[:3]
            mount = mount.replace("\\040", " ")
            if fstype in SKIP_FS or mount in seen or len(out) >= 64 or len(mount) > 100:
                continue
            try:
                st = os.statvfs(mount)
            except OSError:
                continue
            total = st.f_blocks * st.f_frsize
            if total <= 0:
                continue
            seen.add(mount)
            item = {"mount": mount, "total": total, "used": (st.f_blocks - st.f_bfree) * st.f_frsize}
            if st.f_files:
                item.update({"inodes_total": st.f_files, "inodes_used": st.f_files - st.f_ffree})
            out.append(item)
    return out


def network():
    out = []
    with open("/proc/net/dev") as f:
        for line in f.readlines()[2:]:
            name, _, data = line.partition(":")
            fields = data.split()
            if len(fields) >= 9 and len(out) < 64:
                out.append({"iface": name.strip(), "rx": int(fields[0]), "tx": int(fields[8])})
    return out


def collect():
    mem = _meminfo()
    total = mem.get("MemTotal", 0)
    available = mem.get("MemAvailable", mem.get("MemFree", 0))
    swap_total = mem.get("SwapTotal", 0)
    return {
        "timestamp": time.time(),
        "hostname": os.uname().nodename,
        "agent": VERSION,
        "cpu": {"load1": os.getloadavg()[0], "pct": cpu_percent()},
        "ram": {"total": total, "available": min(available, total)},
        "swap": {"total": swap_total, "used": max(0, swap_total - mem.get("SwapFree", 0))},
        "disks": disks(),
        "net": network(),
    }


def send(url, token, payload, timeout=15):
    """POST the payload; returns (status, body text). Never raises on HTTP errors."""
    if not url.startswith(("https://", "http://")):
        raise ValueError("URL harus diawali https:// atau http://")
    body = json.dumps(payload).encode()
    req = urllib.request.Request(  # noqa: S310 - scheme checked above
        url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "Authorization": "Bearer " + token,
            "User-Agent": "lpse-agent/" + VERSION,
        },
    )
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310 - the URL is the admin's
            return resp.status, resp.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")


def _token(args):
    path = args.token_file or os.environ.get("LPSE_TOKEN_FILE")
    if path:
        with open(path) as f:
            return f.read().strip()
    return args.token or os.environ.get("LPSE_TOKEN", "")


def main(argv=None):
    parser = argparse.ArgumentParser(description="Agen monitoring LPSE (Pasal 17).")
    parser.add_argument("--url", default=os.environ.get("LPSE_URL"), help="URL /api/infrastruktur/metrik/ portal")
    parser.add_argument("--token", help="token agen (lebih aman: --token-file)")
    parser.add_argument("--token-file", help="berkas berisi token agen")
    parser.add_argument("--interval", type=int, default=0, help="kirim terus tiap N detik (0: sekali, untuk cron)")
    parser.add_argument("--dry-run", action="store_true", help="cetak JSON tanpa mengirim")
    args = parser.parse_args(argv)
    if args.dry_run:
        print(json.dumps(collect(), indent=2))
        return 0
    token = _token(args)
    if not args.url or not token:
        parser.error("--url dan token (--token, --token-file, LPSE_TOKEN) wajib diisi")
    while True:
        try:
            status, text = send(args.url, token, collect())
        except (OSError, ValueError) as exc:
            status, text = 0, str(exc)
        if status != 201:
            print(f"lpse-agent: gagal mengirim ({status}): {text[:300]}", file=sys.stderr)
        if not args.interval:
            return 0 if status == 201 else 1
        time.sleep(max(30, args.interval))


if __name__ == "__main__":
    sys.exit(main())
