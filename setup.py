"""Packaging: the top-level folders web/, providers/, scheduler/ and migrations/ install as waitinfo.web,
waitinfo.providers, waitinfo.scheduler and waitinfo.migrations, so the wheel adds only one top-level name."""

from setuptools import find_packages, setup

MAPPED = {
    "web": "waitinfo.web",
    "providers": "waitinfo.providers",
    "scheduler": "waitinfo.scheduler",
    "migrations": "waitinfo.migrations",
}

packages = find_packages(include=["waitinfo", "waitinfo.*"])
package_dir = {}
for folder, name in MAPPED.items():
    package_dir[name] = folder
    packages += [name] + [f"{name}.{sub}" for sub in find_packages(folder)]

setup(packages=packages, package_dir=package_dir)
