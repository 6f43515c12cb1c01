"""Run one measuring command and keep its JSON answer, whatever happens.

``python -m bench.capture OUT.json -- COMMAND ...`` runs COMMAND, parses the
JSON object it prints on stdout (the last one, should it print more) and
writes ``{"returncode", "result", "error"}`` to OUT.json; stderr goes to
OUT.log. It always exits 0, so a crashed measurement becomes a FAIL line in
docs/benchmarks.md instead of stopping ``make bench`` before the report.
"""

import json
import subprocess
import sys
from pathlib import Path


def last_json_object(text: str) -> dict | None:
    """The last JSON object in ``text`` that starts a line (indented output included)."""
    text = text.strip()
    try:
        value = json.loads(text)
        return value if isinstance(value, dict) else None
    except ValueError:
        pass
    lines = text.splitlines()
    for i in range(len(lines) - 1, -1, -1):
        if lines[i].startswith("{"):
            try:
                value = json.loads("\n".join(lines[i:]))
            except ValueError:
                continue
            if isinstance(value, dict):
                return value
    return None


def capture(out: Path, command: list[str]) -> dict:
    with out.with_suffix(".log").open("w") as log:
        proc = subprocess.run(command, stdout=subprocess.PIPE, stderr=log, text=True, check=False)
    result = last_json_object(proc.stdout)
    error = None
    if proc.returncode != 0:
        tail = [line for line in out.with_suffix(".log").read_text().splitlines() if line.strip()][-1:]
        error = f"perintah gagal (kode {proc.returncode})" + (f": {tail[0][:300]}" if tail else "")
    elif result is None:
        error = "keluaran bukan objek JSON"
    data = {"command": command, "returncode": proc.returncode, "result": result, "error": error}
    out.write_text(json.dumps(data, indent=2))
    return data


def main() -> int:
    args = sys.argv[1:]
    if len(args) < 3 or args[1] != "--":
        print("pakai: python -m bench.capture OUT.json -- PERINTAH ...", file=sys.stderr)
        return 2
    data = capture(Path(args[0]), args[2:])
    print(f"  {args[0]}: " + ("OK" if data["error"] is None else data["error"]), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
