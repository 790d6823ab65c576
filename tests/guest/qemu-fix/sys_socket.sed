# qemu-aarch64 7.2 gets these socket errors wrong; Linux's answers (checked
# with the same program built natively for x86-64 on the host):
# - it drops unknown type flag bits (target_to_host_sock_type) and creates the
#   socket; Linux refuses bits other than SOCK_NONBLOCK/SOCK_CLOEXEC (EINVAL);
s/^\(socket bad type flag *-> \)3$/\1-1 EINVAL/
# - it copies the address before checking its length; Linux refuses a length
#   over sizeof(struct sockaddr_storage) first (move_addr_to_kernel: EINVAL);
s/^\(bind huge len *-> \)-1 EFAULT$/\1-1 EINVAL/
# - it stops at a control message whose cmsg_len is under the header size or
#   past msg_controllen and sends the data; Linux refuses it (CMSG_OK: EINVAL).
s/^\(sendmsg cmsg_len 4 *-> \)1$/\1-1 EINVAL/
s/^\(sendmsg cmsg_len past end *-> \)1$/\1-1 EINVAL/
