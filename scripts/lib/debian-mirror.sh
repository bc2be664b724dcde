# Sourced: debian_mirror prints the Debian mirror apt uses here (deb822 or one-line sources),
# deb.debian.org otherwise. One place for it: each debootstrap of the test set-up uses it.
debian_mirror() {
  local uri
  uri=$(grep -hs -E '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}' | grep -v -- '-security' | head -n1 || true)
  [[ -n $uri ]] || uri=$(grep -hs -E '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list | awk '{print $2}' | grep -E '/debian/?$' | head -n1 || true)
  echo "${uri:-http://deb.debian.org/debian}"
}
