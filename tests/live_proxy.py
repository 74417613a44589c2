"""nginx in front of a live server, with the repository's site configuration (deploy/).

nginx runs as a child process in the foreground (`daemon off`), with a generated main
configuration and its cache, logs and temporary files under a temporary directory, on a free
loopback port; it is stopped when the block ends.
"""

import contextlib
import getpass
import os
import shutil
import string
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

from tests.live_server import ROOT, free_port

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
SITE_CONFIG = ROOT / "deploy" / "nginx-site.conf"

MAIN_CONFIG = """
worker_processes {workers};
pid {directory}/nginx.pid;
error_log {directory}/error.log warn;
{user}
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    sendfile on;
    tcp_nopush on;
    client_body_temp_path {directory}/client_body;
    proxy_temp_path {directory}/proxy;
    fastcgi_temp_path {directory}/fastcgi;
    uwsgi_temp_path {directory}/uwsgi;
    scgi_temp_path {directory}/scgi;
    include {directory}/site.conf;
}}
"""


def site_config(*, listen, upstream, static_root, cache_dir):
    """deploy/nginx-site.conf with its ${TRACKER_…} values filled in (nginx's own $variables
    are left as they are)."""
    return string.Template(SITE_CONFIG.read_text()).safe_substitute(
        TRACKER_LISTEN=listen,
        TRACKER_UPSTREAM=upstream,
        TRACKER_STATIC_ROOT=static_root,
        TRACKER_CACHE_DIR=cache_dir,
    )


@contextlib.contextmanager
def nginx(upstream_url, *, static_root=ROOT / "staticfiles", workers=1):
    """nginx proxying to `upstream_url` (http://127.0.0.1:PORT) until the block ends."""
    port = free_port(0, 0)
    with tempfile.TemporaryDirectory(prefix="tracker-nginx-") as directory:
        site = site_config(
            listen=f"127.0.0.1:{port}",
            upstream=upstream_url.removeprefix("http://"),
            static_root=static_root,
            cache_dir=f"{directory}/cache",
        )
        Path(directory, "site.conf").write_text(site)
        # Run by root, nginx's workers would switch to `nobody`, who cannot use this directory.
        user = f"user {getpass.getuser()};" if os.geteuid() == 0 else ""
        Path(directory, "nginx.conf").write_text(
            MAIN_CONFIG.format(workers=workers, directory=directory, user=user)
        )
        process = subprocess.Popen(
            [NGINX, "-p", directory, "-c", f"{directory}/nginx.conf", "-g", "daemon off;"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            wait_until_ready(process, url)
            yield url
        finally:
            process.terminate()
            process.wait(timeout=30)


def wait_until_ready(process, url):
    for _ in range(100):
        if process.poll() is not None:
            raise RuntimeError("nginx exited:\n" + process.stderr.read().decode(errors="replace"))
        try:
            urllib.request.urlopen(f"{url}/healthz", timeout=2)
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("nginx did not answer /healthz")
