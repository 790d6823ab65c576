# sockets: an AF_UNIX socketpair with select and epoll, a TCP connection
# over 127.0.0.1, socket options, and a datagram pair; nothing printed
# depends on ports or descriptors
import select
import socket

a, b = socket.socketpair()
a.sendall(b"hello" * 1000)
r, _, _ = select.select([b], [], [], 5)
got = b""
while len(got) < 5000:
    got += b.recv(100000)
print(len(r), len(got))
ep = select.epoll()
ep.register(b.fileno(), select.EPOLLIN)
a.send(b"x")
print([(fd == b.fileno(), ev) for fd, ev in ep.poll(5)])
ep.close()
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
print(s.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR) != 0, s.getsockopt(socket.SOL_SOCKET, socket.SO_TYPE))
s.bind(("127.0.0.1", 0))
s.listen(1)
c = socket.create_connection(s.getsockname())
conn, peer = s.accept()
print(peer[0], conn.getsockname() == s.getsockname())
c.sendall(b"ping" * 10)
data = b""
while len(data) < 40:
    data += conn.recv(100)
print(data[:8], len(data))
c.shutdown(socket.SHUT_WR)
print(conn.recv(10))
u1, u2 = socket.socketpair(socket.AF_UNIX, socket.SOCK_DGRAM)
u1.send(b"d1")
u1.send(b"d2")
print(u2.recv(10), u2.recv(10))
for x in (a, b, s, c, conn, u1, u2):
    x.close()
