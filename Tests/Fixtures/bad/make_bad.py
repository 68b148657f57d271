"""Writes the bad-input corpus: one small file per case (see BadInputCorpusTests.swift for the outcome each must give).

Usage: python3 make_bad.py  (writes into this folder; deterministic)
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))
HEADER = ('"Tweet id","Tweet permalink","Tweet text","time","impressions","engagements","engagement rate","retweets",'
          '"replies","likes","user profile clicks","url clicks","hashtag clicks","detail expands","permalink clicks",'
          '"app opens","app installs","follows","email tweet","dial phone","media views","media engagements"')
N = 22


def row(tid, text="hello", time="2025-03-05 14:07 +0000", impressions="100.0", engagements="5.0", rest=None):
    rest = rest or ["0.05"] + ["1.0"] * 8 + ["0"] * 7
    return ",".join(f'"{v}"' for v in [tid, f"https://twitter.com/acme/status/{tid}", text, time, impressions, engagements] + rest)


GOOD = [row(1900000000000000000 + i * 4194304000) for i in range(3)]


def write(name, data):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))


def main():
    body = HEADER + "\n" + "\n".join(GOOD) + "\n"
    write("truncated.csv", body[: len(body) - 40])
    write("unterminated_quote_at_end.csv", HEADER + "\n" + GOOD[0] + "\n" + GOOD[1][:60])
    write("binary_garbage.csv", bytes((i * 73 + 11) % 256 for i in range(4096)))
    utf16 = b"\xff\xfe" + body.encode("utf-16-le")
    write("utf16_odd_length.csv", utf16 + b"\x41")
    write("invalid_utf8_in_text.csv", (HEADER + "\n").encode() + GOOD[0].replace("hello", "hel\xfflo").encode("latin-1") + b"\n" + GOOD[1].encode() + b"\n")
    write("header_only.csv", HEADER + "\n")
    write("duplicated_columns.csv", HEADER + ',"impressions"\n' + "\n".join(g + ',"7.0"' for g in GOOD) + "\n")
    write("missing_columns.csv", '"Tweet id","Tweet text","likes"\n"1900000000000000000","hi","3"\n')
    write("empty.csv", "")
    write("thousands_separators.csv", HEADER + "\n" + row(1900000000000000000, impressions="1,234") + "\n" + GOOD[1] + "\n")
    write("negative_counts.csv", HEADER + "\n" + row(1900000000000000000, engagements="-5.0") + "\n" + GOOD[1] + "\n")
    write("count_above_int64.csv", HEADER + "\n" + row(1900000000000000000, impressions="99999999999999999999999") + "\n" + GOOD[1] + "\n")
    write("bad_ids.csv", HEADER + "\n" + row("19000 00000") .replace("https://twitter.com/acme/status/19000 00000", "https://twitter.com/acme/status/x") + "\n"
          + row("19abc") + "\n" + GOOD[1] + "\n")
    write("dates_out_of_range.csv", HEADER + "\n" + row(1900000000000000000, time="2025-13-45 99:99 +0000") + "\n"
          + row(1900000000000004000, time="1899-01-01 00:00 +0000") + "\n" + GOOD[1] + "\n")
    write("ragged_rows.csv", HEADER + "\n" + GOOD[0] + ',"extra","fields"\n' + ",".join(GOOD[1].split(",")[:10]) + "\n" + GOOD[2] + "\n")


if __name__ == "__main__":
    main()
