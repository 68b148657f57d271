#!/usr/bin/env python3
"""Independent OAuth 1.0a HMAC-SHA1 reference values (RFC 5849 §3.4) computed with Python's
hmac/hashlib/urllib, written to oauth_reference.json for EngageAPITests.

Cases: the RFC 5849 §3.4.1.1 example request, and the example request of X's (Twitter's) developer
documentation "Creating a signature" (statuses/update with 'Hello Ladies + Gentlemen, a signed OAuth
request!'), whose published signature is hCtSmYh+iHYCEqBWrE7C7hYmtUk=.
"""
import base64, hashlib, hmac, json, os
from urllib.parse import quote


def enc(s):
    return quote(s, safe="-._~")


def base_string(method, uri, params):
    pairs = sorted((enc(k), enc(v)) for k, v in params)
    norm = "&".join(f"{k}={v}" for k, v in pairs)
    return "&".join([method.upper(), enc(uri), enc(norm)])


def sign(base, consumer_secret, token_secret):
    key = f"{enc(consumer_secret)}&{enc(token_secret)}".encode()
    return base64.b64encode(hmac.new(key, base.encode(), hashlib.sha1).digest()).decode()


cases = []
# RFC 5849 §3.4.1.1: POST /request?b5=%3D%253D&a3=a&c%40=&a2=r%20b, body c2&a3=2+q
rfc_params = [("b5", "=%3D"), ("a3", "a"), ("c@", ""), ("a2", "r b"),
              ("oauth_consumer_key", "9djdj82h48djs9d2"), ("oauth_token", "kkk9d7dh3k39sjv7"),
              ("oauth_signature_method", "HMAC-SHA1"), ("oauth_timestamp", "137131201"),
              ("oauth_nonce", "7d8f3e4a"), ("c2", ""), ("a3", "2 q")]
b = base_string("POST", "http://example.com/request", rfc_params)
cases.append({"name": "rfc5849", "url": "http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b",
              "method": "POST", "form": [["c2", ""], ["a3", "2 q"]],
              "oauth": [[k, v] for k, v in rfc_params if k.startswith("oauth_")],
              "consumer_secret": "j49sk3j29djd", "token_secret": "dh893hdasih9",
              "base": b, "signature": sign(b, "j49sk3j29djd", "dh893hdasih9")})

tw_oauth = [("oauth_consumer_key", "xvz1evFS4wEEPTGEFPHBog"),
            ("oauth_nonce", "kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg"),
            ("oauth_signature_method", "HMAC-SHA1"), ("oauth_timestamp", "1318622958"),
            ("oauth_token", "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb"), ("oauth_version", "1.0")]
tw_form = [("status", "Hello Ladies + Gentlemen, a signed OAuth request!")]
b = base_string("POST", "https://api.twitter.com/1.1/statuses/update.json",
                tw_oauth + tw_form + [("include_entities", "true")])
cs, ts = "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw", "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE"
cases.append({"name": "x-docs", "url": "https://api.twitter.com/1.1/statuses/update.json?include_entities=true",
              "method": "POST", "form": [list(p) for p in tw_form], "oauth": [list(p) for p in tw_oauth],
              "consumer_secret": cs, "token_secret": ts, "base": b, "signature": sign(b, cs, ts),
              "published_signature": "hCtSmYh+iHYCEqBWrE7C7hYmtUk="})

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "oauth_reference.json")
with open(out, "w") as f:
    json.dump(cases, f, indent=1)
for c in cases:
    print(c["name"], c["signature"], c.get("published_signature", ""))
