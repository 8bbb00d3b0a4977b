#!/usr/bin/env python3
"""Step clean_dictionary_data of pipelines/pdm.pipe: the original's steps/clean_dictionary_data.sh, file for file.

The dictionary files arrive pretty-printed under DICTIONARY/unclean/; the JSON SerDe reads one document per line,
so each named file is rewritten with its newlines removed (the original's `tr -d '\\n'`: bytes, not a JSON
re-encoding, so values are kept exactly as they were):

  unclean/site/initialOrganisation.json                -> site/initialOrganisation.json
  unclean/site/initialOrganisation-NorthernIreland.json -> site/initialOrganisation-NorthernIreland.json
  unclean/data/address/initialDeliveryUnitAddresses.json
      -> address_tagged/initialDeliveryUnitAddresses_tagged.json, wrapped as {"addresses" : ...}
      -> data/address/initialDeliveryUnitAddresses.json, unchanged (the original computed a single-line copy
         but uploaded the file it had downloaded; the tables over data/address read it as it was)

DICTIONARY is the step's dictionary_path: s3://bucket/prefix (read and written with `aws s3 cp`, as the
original did, streamed through this process: no temporary files) or file:///path or a plain path (tests, laptops).
Usage: clean_dictionary_data.py [--aws PATH] DICTIONARY (--aws: the AWS CLI, default `aws` from PATH). Exit 0 done, 1 a copy failed, 2 usage. Python 3.7+ (EMR 6), stdlib only.
"""
import argparse
import os
import subprocess
import sys

# (source under unclean/, destination, transformation), in the original's order.
FILES = [
    ("site/initialOrganisation.json", "site/initialOrganisation.json", "single_line"),
    ("site/initialOrganisation-NorthernIreland.json", "site/initialOrganisation-NorthernIreland.json", "single_line"),
    ("data/address/initialDeliveryUnitAddresses.json", "address_tagged/initialDeliveryUnitAddresses_tagged.json", "addresses"),
    ("data/address/initialDeliveryUnitAddresses.json", "data/address/initialDeliveryUnitAddresses.json", "unchanged"),
]


class CopyError(Exception):
    pass


def single_line(data):
    return data.replace(b"\n", b"")


def transform(kind, data):
    if kind == "single_line":
        return single_line(data)
    if kind == "addresses":
        # The original: tr -d '\n'; ex '1i|{"addresses" : '; echo "}" >>; tr -d '\n'.
        return b'{"addresses" : ' + single_line(data) + b"}"
    return data


def join(base, path):
    return base.rstrip("/") + "/" + path


def read(location, aws):
    if location.startswith("s3://"):
        done = subprocess.run([aws, "s3", "cp", location, "-"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if done.returncode != 0:
            raise CopyError("aws s3 cp %s - failed (exit %d): %s" % (location, done.returncode, done.stderr.decode("utf-8", "replace").strip()))
        return done.stdout
    with open(local_path(location), "rb") as f:
        return f.read()


def write(location, data, aws):
    if location.startswith("s3://"):
        done = subprocess.run([aws, "s3", "cp", "-", location], input=data, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if done.returncode != 0:
            raise CopyError("aws s3 cp - %s failed (exit %d): %s" % (location, done.returncode, done.stderr.decode("utf-8", "replace").strip()))
        return
    path = local_path(location)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    # Written beside, then renamed: a reader never sees half a file.
    partial = path + ".partial"
    with open(partial, "wb") as f:
        f.write(data)
    os.replace(partial, path)


def local_path(location):
    return location[len("file://"):] if location.startswith("file://") else location


def main(argv):
    parser = argparse.ArgumentParser(prog="clean_dictionary_data.py")
    parser.add_argument("--aws", default="aws", help="the AWS CLI (default: aws from PATH)")
    parser.add_argument("dictionary", help="s3://bucket/prefix, file:///path or a path")
    args = parser.parse_args(argv[1:])
    if not args.dictionary:
        parser.error("DICTIONARY is empty")
    base = args.dictionary
    try:
        for source, destination, kind in FILES:
            src, dst = join(base, "unclean/" + source), join(base, destination)
            data = transform(kind, read(src, args.aws))
            write(dst, data, args.aws)
            print("%s -> %s (%s, %d bytes)" % (src, dst, kind, len(data)), flush=True)
    except (CopyError, OSError) as e:
        sys.stderr.write("clean_dictionary_data: %s\n" % e)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
