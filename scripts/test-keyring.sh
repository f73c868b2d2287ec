# Sourced by scripts/test.sh and scripts/test-session.sh before they start their private D-Bus session,
# with HOME already the throwaway one. Should the session's gnome-keyring-daemon die (it did once in CI,
# after the sync test that SIGKILLs `rlm sync`), D-Bus starts another for the next keychain call: the
# system's service file starts it locked, with no one to answer its unlock prompt, and every keychain test
# after it failed. This service file, found first, starts it unlocked with the same throwaway password;
# the keys stored so far are in $HOME's keyring file and stay.
rlm_keyring_daemon="$(command -v gnome-keyring-daemon)"
rlm_dbus_services="$HOME/.rlm-test-dbus/dbus-1/services"
mkdir -p "$rlm_dbus_services"
printf '[D-BUS Service]\nName=org.freedesktop.secrets\nExec=/bin/sh -c "printf pass | exec %s --foreground --unlock --components=secrets"\n' "$rlm_keyring_daemon" \
  > "$rlm_dbus_services/org.freedesktop.secrets.service"
export XDG_DATA_DIRS="$HOME/.rlm-test-dbus:${XDG_DATA_DIRS:-/usr/local/share:/usr/share}"
