"""`pip install clients/python` works offline: into a fresh venv with --no-build-isolation, then the package imports."""

import os
import shutil
import subprocess
import sys
import tempfile
import unittest

CLIENT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
#: What a Debian machine needs for this test (.ci/run installs them).
PACKAGES = "python3-venv python3-pip python3-setuptools python3-wheel"


def unavailable(reason):
    """Skips the test, or fails it under CI=true where it must run."""
    if os.environ.get("CI", "").lower() == "true":
        raise AssertionError(reason + " (CI=true: this test must run)")
    raise unittest.SkipTest(reason)


class VenvInstallTest(unittest.TestCase):
    def test_pip_install_without_build_isolation_into_a_fresh_venv(self):
        try:
            import venv  # noqa: F401
            import ensurepip  # noqa: F401
        except ImportError as missing:
            unavailable("python's venv/ensurepip is missing (%s); install the Debian packages %s" % (missing, PACKAGES))
        work = tempfile.mkdtemp(prefix="corral-venv-")
        self.addCleanup(shutil.rmtree, work, True)
        source = os.path.join(work, "src")  # pip builds in the source tree: a copy keeps clients/python clean
        shutil.copytree(CLIENT, source, ignore=shutil.ignore_patterns("tests", "src", "target", "__pycache__",
                                                                      "*.egg-info", "build"))
        environment = os.path.join(work, "venv")
        # --without-pip: the system's pip (seen through --system-site-packages) installs into the venv just as well,
        # and ensurepip would spend most of this test's time copying pip in
        made = subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", environment],
                              capture_output=True, text=True, timeout=300)
        if made.returncode != 0:
            unavailable("python3 -m venv failed (%s); install the Debian packages %s" % (made.stderr.strip(), PACKAGES))
        python = os.path.join(environment, "bin", "python")
        check = subprocess.run([python, "-c", "import setuptools, wheel, pip"], capture_output=True, text=True, timeout=60)
        if check.returncode != 0:
            unavailable("the venv sees no pip/setuptools/wheel for --no-build-isolation (%s); install the Debian packages %s"
                        % (check.stderr.strip().splitlines()[-1], PACKAGES))
        installed = subprocess.run([python, "-m", "pip", "install", "--no-build-isolation", "--no-index",
                                    "--no-deps", source], capture_output=True, text=True, timeout=300)
        self.assertEqual(installed.returncode, 0, installed.stdout + installed.stderr)
        imported = subprocess.run([python, "-c", "import corral_logging, corral_logging.wsgi, corral_logging.asgi; "
                                   "print(corral_logging.__version__, corral_logging.__file__)"],
                                  capture_output=True, text=True, timeout=60, cwd=work)
        self.assertEqual(imported.returncode, 0, imported.stderr)
        version, location = imported.stdout.split()
        self.assertEqual(version, "0.1.0")
        self.assertTrue(location.startswith(environment), "imported from the venv, not the source: " + location)


if __name__ == "__main__":
    unittest.main()
