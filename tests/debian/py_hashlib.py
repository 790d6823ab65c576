# hashlib (OpenSSL's libcrypto and python's own builtins), hmac, pbkdf2
import hashlib
import hmac

data = bytes((i * 31 + 7) & 0xFF for i in range(300000))
for name in ("md5", "sha1", "sha224", "sha256", "sha384", "sha512", "sha3_256",
             "sha3_512", "blake2b", "blake2s"):
    print(name, hashlib.new(name, data).hexdigest())
print("shake_128", hashlib.shake_128(data).hexdigest(40))
h = hashlib.sha256()
for i in range(0, len(data), 4097):
    h.update(data[i:i + 4097])
print("chunked", h.hexdigest() == hashlib.sha256(data).hexdigest())
print("hmac", hmac.new(b"key", data, "sha256").hexdigest())
print("pbkdf2", hashlib.pbkdf2_hmac("sha256", b"password", b"salt", 2000).hex())
print("blake2b-key", hashlib.blake2b(data, key=b"k" * 16, digest_size=20).hexdigest())
