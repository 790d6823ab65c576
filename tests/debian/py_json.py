# json: encoding with sorted keys and indentation, floats, big ints, escapes,
# a decode/encode round trip and a decode error message
import hashlib
import json

data = {"name": "pvm", "nums": [1, 2.5, -3e10, 1 / 3, 2 ** 70, 1e-7, 0.1 + 0.2],
        "nested": {"a": [True, False, None], "s": "caf\u00e9 \u2603 \"q\" \\ \n\t"}}
s = json.dumps(data, sort_keys=True)
print(s)
print(json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False))
back = json.loads(s)
print(back == data, repr(back["nums"][3]), repr(back["nums"][6]))
rows = [{"id": i, "v": i * 0.1, "t": "x" * (i % 7), "u": chr(0x400 + i % 50)} for i in range(3000)]
enc = json.dumps(rows, separators=(",", ":"))
print(len(enc), hashlib.sha256(enc.encode()).hexdigest())
print(json.loads(enc) == rows)
for bad in ['{"a":', '[1, 2,]', '"\\x"', "nan"]:
    try:
        json.loads(bad)
    except json.JSONDecodeError as e:
        print("error:", e)
print(json.dumps(float("inf")), json.dumps([float("nan")]) == "[NaN]")
