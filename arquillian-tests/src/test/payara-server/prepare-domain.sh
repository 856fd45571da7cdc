#!/usr/bin/env bash
# A fresh Payara Server domain for the integration tests, set up as the README tells a site to: the site's values
# (here the test PKI's), then the real gatehouse-install.asadmin, run twice against the running domain (the second
# run must leave domain.xml as it was), then a restart. Leaves the domain running; the build stops it afterwards.
#   prepare-domain.sh PAYARA_HOME DOMAINS_DIR DOMAIN PORTBASE SITE_FILE INSTALL_FILE
set -euo pipefail
payara_home=$1 domains_dir=$2 domain=$3 portbase=$4 site_file=$5 install_file=$6
admin_port=$((portbase + 48))
asadmin() { "$payara_home/bin/asadmin" --interactive=false "$@"; }

# A domain left running by an interrupted build is stopped and replaced.
if [ -d "$domains_dir/$domain" ]; then
  asadmin stop-domain --domaindir "$domains_dir" "$domain" >/dev/null 2>&1 || true
  rm -rf "${domains_dir:?}/$domain"
fi
mkdir -p "$domains_dir"
asadmin --user admin create-domain --nopassword --portbase "$portbase" --domaindir "$domains_dir" "$domain" >/dev/null
asadmin start-domain --domaindir "$domains_dir" "$domain"

asadmin --port "$admin_port" multimode --file "$site_file" >/dev/null
domain_xml=$domains_dir/$domain/config/domain.xml
asadmin --port "$admin_port" multimode --file "$install_file" >/dev/null
cp "$domain_xml" "$domains_dir/$domain-after-first-install.xml"
asadmin --port "$admin_port" multimode --file "$install_file" >/dev/null
if ! diff -u "$domains_dir/$domain-after-first-install.xml" "$domain_xml"; then
  echo "gatehouse-install.asadmin is not idempotent: its second run changed $domain_xml" >&2
  exit 1
fi

# The tests' own: the Arquillian adapter deploys through the plain HTTP listener, which the install switches off;
# it comes back on the loopback address only.
asadmin --port "$admin_port" set configs.config.server-config.network-config.network-listeners.network-listener.http-listener-1.address=127.0.0.1 >/dev/null
asadmin --port "$admin_port" set configs.config.server-config.network-config.network-listeners.network-listener.http-listener-1.enabled=true >/dev/null
asadmin restart-domain --domaindir "$domains_dir" "$domain"
