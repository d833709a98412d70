"""Writes the bzip2 and LZMA .npz fixtures with Python's own zipfile, the module numpy.load reads them with.

Run from this folder: python3 make_npz.py. NumPy is not needed: the .npy members are written in format 1.0 by hand.
The payload member is an object array whose pickle calls os.system('id') (it is never loaded, only scanned).
"""
import os
import pickle
import struct
import zipfile


def npy(descr, body):
    header = "{'descr': '%s', 'fortran_order': False, 'shape': (2,), }" % descr
    header = header.ljust(((len(header) + 11) // 64 + 1) * 64 - 11) + "\n"
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode("latin1") + body


class Payload:
    def __reduce__(self):
        return (os.system, ("id",))


benign = npy("<f4", bytes(8))
payload = npy("|O", pickle.dumps([Payload(), Payload()], protocol=3))

def write(path, method, members):
    # A fixed timestamp keeps the fixtures byte-for-byte reproducible.
    with zipfile.ZipFile(path, "w") as z:
        for name, data in members:
            z.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)), data, compress_type=method)


for method, label in ((zipfile.ZIP_BZIP2, "bzip2"), (zipfile.ZIP_LZMA, "lzma")):
    write(f"{label}-benign.npz", method, [("weights.npy", benign), ("bias.npy", npy("<i8", bytes(16)))])
    write(f"{label}-payload.npz", method, [("weights.npy", benign), ("payload", payload)])
