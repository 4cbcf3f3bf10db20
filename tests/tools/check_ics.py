#!/usr/bin/python3
"""Parses an iCalendar file with python3-icalendar and prints a JSON summary of it.

Exits non-zero with a message on stderr when the file is not valid RFC 5545 as far as we check:
physical lines longer than 75 octets, lines not ending in CRLF, a fold that splits a UTF-8
sequence, parse errors reported by icalendar, missing required properties (VERSION, PRODID, UID,
DTSTAMP, DTSTART), duplicate UIDs, DTEND not after DTSTART, a TZID without its VTIMEZONE, or
VTIMEZONE offsets that disagree with the system zoneinfo database.

Usage: check_ics.py FILE.ics
"""
import datetime
import json
import sys

try:
    import icalendar
except ImportError:
    sys.exit("check_ics: python3-icalendar is not installed (run scripts/setup.sh)")


def fail(msg):
    sys.exit("check_ics: " + msg)


def check_lines(data):
    if not data.endswith(b"\r\n"):
        fail("the file does not end with CRLF")
    lines = data[:-2].split(b"\r\n")
    max_len = 0
    folded = 0
    for n, line in enumerate(lines, 1):
        if b"\n" in line or b"\r" in line:
            fail(f"line {n}: bare CR or LF (lines must end with CRLF)")
        if len(line) > 75:
            fail(f"line {n}: {len(line)} octets, more than 75: {line[:40]!r}...")
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as e:
            fail(f"line {n}: not valid UTF-8 on its own (a fold split a character?): {e}")
        if line.startswith(b" ") or line.startswith(b"\t"):
            folded += 1
        max_len = max(max_len, len(line))
    return {"physical_lines": len(lines), "folded_lines": folded, "max_octets": max_len}


def iso(v):
    if isinstance(v, datetime.datetime):
        return v.isoformat()
    if isinstance(v, datetime.date):
        return v.isoformat()
    return str(v)


def kind(prop):
    v = prop.dt
    if isinstance(v, datetime.datetime):
        if "TZID" in prop.params:
            return "tzid"
        if v.tzinfo is not None:
            return "utc"
        return "floating"
    return "date"


def vtimezone_offset(vtz, local):
    """UTC offset in seconds that a VTIMEZONE gives for a local wall-clock time."""
    best = None
    for sub in vtz.subcomponents:
        if sub.name not in ("STANDARD", "DAYLIGHT"):
            continue
        start = sub["DTSTART"].dt.replace(tzinfo=None)
        if start <= local and (best is None or start > best[0]):
            best = (start, sub)
    if best is None:
        fail(f"VTIMEZONE {vtz['TZID']} has no component in effect at {local}")
    return int(best[1]["TZOFFSETTO"].td.total_seconds())


def main():
    if len(sys.argv) != 2:
        fail("usage: check_ics.py FILE.ics")
    data = open(sys.argv[1], "rb").read()
    summary = {"lines": check_lines(data)}
    try:
        cal = icalendar.Calendar.from_ical(data.decode("utf-8"))
    except Exception as e:  # icalendar raises ValueError and friends
        fail(f"icalendar cannot parse the file: {e}")
    if cal.name != "VCALENDAR":
        fail(f"top component is {cal.name}, not VCALENDAR")
    for comp in cal.walk():
        if getattr(comp, "errors", None):
            fail(f"{comp.name}: parse errors {comp.errors}")
    for req in ("VERSION", "PRODID"):
        if req not in cal:
            fail(f"VCALENDAR lacks {req}")
    summary["version"] = str(cal["VERSION"])
    summary["prodid"] = str(cal["PRODID"])
    summary["calname"] = str(cal.get("X-WR-CALNAME", ""))

    zones = {}
    for vtz in cal.walk("VTIMEZONE"):
        zones[str(vtz["TZID"])] = vtz
    summary["timezones"] = sorted(zones)

    events = []
    uids = set()
    for ev in cal.walk("VEVENT"):
        for req in ("UID", "DTSTAMP", "DTSTART", "SUMMARY"):
            if req not in ev:
                fail(f"VEVENT lacks {req}")
        uid = str(ev["UID"])
        if uid in uids:
            fail(f"duplicate UID {uid}")
        uids.add(uid)
        start, end = ev["DTSTART"], ev.get("DTEND")
        e = {
            "uid": uid,
            "dtstamp": iso(ev["DTSTAMP"].dt),
            "dtstart": iso(start.dt),
            "start_kind": kind(start),
            "summary": str(ev["SUMMARY"]),
            "description": str(ev.get("DESCRIPTION", "")),
            "x": {k: str(v) for k, v in ev.items() if k.startswith("X-")},
        }
        if end is not None:
            e["dtend"] = iso(end.dt)
            e["end_kind"] = kind(end)
            if e["end_kind"] != e["start_kind"]:
                fail(f"{uid}: DTSTART is {e['start_kind']} but DTEND is {e['end_kind']}")
            a, b = start.dt, end.dt
            if e["start_kind"] == "tzid":
                a, b = a.replace(tzinfo=None), b.replace(tzinfo=None)
            if not b > a:
                fail(f"{uid}: DTEND {iso(b)} is not after DTSTART {iso(a)}")
        if e["start_kind"] == "tzid":
            tzid = start.params["TZID"]
            e["tzid"] = tzid
            if tzid not in zones:
                fail(f"{uid}: TZID {tzid} has no VTIMEZONE")
            local = start.dt.replace(tzinfo=None)
            off = vtimezone_offset(zones[tzid], local)
            e["utc_offset"] = off
            try:
                import zoneinfo
                real = local.replace(tzinfo=zoneinfo.ZoneInfo(tzid)).utcoffset()
                if int(real.total_seconds()) != off:
                    fail(f"{uid}: VTIMEZONE {tzid} gives offset {off}s at {local}, zoneinfo says {int(real.total_seconds())}s")
            except ImportError:
                pass
        events.append(e)
    summary["events"] = events
    json.dump(summary, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


main()
