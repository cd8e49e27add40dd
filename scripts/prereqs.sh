# Sourced by run.sh and test.sh: installs what this machine lacks, nothing more. A fresh machine keeps nothing.
# Debian packages go through apt (as root, or sudo); npm packages through the npm registry; .NET through NuGet restore.

_apt_updated=0
need_apt() { # need_apt pkg... : install the Debian packages that are not installed yet
  local missing=()
  for p in "$@"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "==> apt: installing ${missing[*]}" >&2
  if [ $_apt_updated -eq 0 ]; then $sudo apt-get update -qq >&2; _apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

need_dotnet() {
  command -v dotnet >/dev/null || { echo "error: the .NET 10 SDK is required (https://dot.net); install it and run again" >&2; exit 1; }
}

need_node() {
  command -v npm >/dev/null || need_apt nodejs npm
}

# Leaflet comes from npm (package-lock.json pins 1.9.4); the Web build copies it into wwwroot/lib.
need_web_packages() {
  need_node
  if [ ! -f src/Web/node_modules/leaflet/dist/leaflet.js ] || [ src/Web/package-lock.json -nt src/Web/node_modules/.package-lock.json ]; then
    echo "==> npm: installing web packages" >&2
    (cd src/Web && npm ci --no-audit --no-fund --loglevel=error) >&2
  fi
}

need_postgis() { need_apt postgresql-15 postgresql-15-postgis-3 postgresql-client-15; }
