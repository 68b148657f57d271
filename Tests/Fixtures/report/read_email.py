"""Parses an .eml with Python's email package; prints subject, parts and attachment hashes as JSON.

Usage: read_email.py FILE.eml
"""
import email
import email.header
import email.policy
import hashlib
import json
import sys

msg = email.message_from_bytes(open(sys.argv[1], "rb").read(), policy=email.policy.default)
parts, attachments = [], {}
for part in msg.walk():
    parts.append(part.get_content_type())
    if part.get_content_disposition() == "attachment":
        attachments[part.get_filename()] = hashlib.sha256(part.get_payload(decode=True)).hexdigest()
body = msg.get_body(preferencelist=("plain",))
print(json.dumps({"subject": str(msg["subject"]), "to": msg["to"], "from": msg["from"], "reply_to": msg["reply-to"],
                  "to_addresses": [a.addr_spec for a in msg["to"].addresses] if msg["to"] else [],
                  "date": msg["date"], "parts": parts,
                  "attachments": attachments, "text": body.get_content() if body else None,
                  "defects": [str(d) for d in msg.defects]}))
