# a pseudo-terminal: termios attributes (the same flag values on arm64 and
# x86-64), raw mode, window size, data through the master, FIONREAD
import fcntl, os, pty, struct, termios, tty
m, s = os.openpty()
print(os.isatty(s), os.isatty(0))
a = termios.tcgetattr(s)
print(a[:4], a[4:6], [c if isinstance(c, int) else c[0] for c in a[6]][:8])
tty.setraw(s)
print(termios.tcgetattr(s)[:4])
fcntl.ioctl(s, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
print(os.get_terminal_size(s))
os.write(m, b"hello\n")
print(os.read(s, 100))
print(struct.unpack("i", fcntl.ioctl(m, termios.FIONREAD, b"\0" * 4)))
