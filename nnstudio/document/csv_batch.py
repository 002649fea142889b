"""The hand-entered batch as CSV: one row per sample, the inputs then the class label.

A header line is optional (a first line that is not all numbers is taken as one). Values may be
separated by commas, tabs or semicolons (the first line with any says which); with tabs or
semicolons, as spreadsheets in many languages write them, a decimal comma reads as a point.
Reading either gives the whole batch or raises ``CsvError`` with a sentence saying what is wrong
and on which line of the file (a batch past the limits too, before any number is read), so the
caller can keep the current batch.
"""

import csv
import io

import numpy as np

from .limits import hand_over_limit
from .number_text import read_label, read_number


class CsvError(ValueError):
    """A file that is not a batch; the message is a sentence for the user."""


SEPARATORS = ("\t", ";", ",")  # in the order they are looked for: a comma may be a decimal comma


def separator_of(text):
    """The separator the text's first line that has one uses (a comma when none has one)."""
    for line in text.splitlines():
        found = [separator for separator in SEPARATORS if separator in line]
        if found:
            return found[0]
    return ","


def parse_batch(text):
    """``(X, y)`` from CSV text: X float64 (samples × inputs), y int64 class labels."""
    separator = separator_of(text)
    decimal_comma = separator != ","

    def number(cell):
        return read_number(cell.replace(",", ".") if decimal_comma else cell)

    reader = csv.reader(io.StringIO(text), delimiter=separator)
    lines = [(reader.line_num, row) for row in reader if any(cell.strip() for cell in row)]
    if lines and any(number(cell)[1] for cell in lines[0][1]):
        lines = lines[1:]  # a header
    if not lines:
        raise CsvError("The file holds no rows of numbers.")
    first, width = lines[0][0], len(lines[0][1])
    if width < 2:
        raise CsvError(f"Each row needs at least one input and a class label, but line {first} has one value.")
    too_big = hand_over_limit(len(lines), width - 1)
    if too_big:
        raise CsvError(f"{too_big}.")
    X = np.empty((len(lines), width - 1))
    y = np.empty(len(lines), dtype=np.int64)
    for r, (line, row) in enumerate(lines):
        if len(row) != width:
            raise CsvError(f"Line {line} has {len(row)} values but line {first} has {width}: every row needs"
                           " the same.")
        for c, cell in enumerate(row[:-1]):
            value, why = number(cell)
            if why:
                raise CsvError(f"Line {line}, column {c + 1}: '{cell.strip()}' {why}.")
            X[r, c] = value
        label, why = read_label(row[-1])
        if why:
            raise CsvError(f"Line {line}, column {width}: the class label '{row[-1].strip()}' {why}.")
        y[r] = label
    return X, y


def read_batch(path):
    """``parse_batch`` of the file at ``path``; a file that cannot be read raises CsvError too."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as file:
            text = file.read()
    except (OSError, UnicodeDecodeError) as error:
        raise CsvError(f"The file could not be read: {error}.") from error
    return parse_batch(text)


def batch_text(X, y):
    """CSV text with a header ``x1,…,class`` and every number written so it reads back exactly."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([f"x{i}" for i in range(X.shape[1])] + ["class"])
    for row, label in zip(X, y, strict=True):
        writer.writerow([repr(float(value)) for value in row] + [int(label)])
    return out.getvalue()


def write_batch(path, X, y):
    """Write the batch to ``path``; raises CsvError when the file cannot be written."""
    try:
        with open(path, "w", encoding="utf-8", newline="") as file:
            file.write(batch_text(X, y))
    except OSError as error:
        raise CsvError(f"The file could not be written: {error}.") from error
