"""CSV of the hand batch: header optional, a clear sentence for a bad file, exact round trip."""

import numpy as np
import pytest

from nnstudio.document.csv_batch import CsvError, batch_text, parse_batch, read_batch, write_batch


def test_reads_rows_with_or_without_a_header():
    expected_X = np.array([[0.5, -1.0], [2.0, 3.25]])
    expected_y = np.array([0, 2])
    for text in ("x1,x2,class\n0.5,-1,0\n2,3.25,2\n", "0.5,-1,0\n2,3.25,2\n\n", "0.5\t-1\t0\n2\t3.25\t2"):
        X, y = parse_batch(text)
        assert np.array_equal(X, expected_X) and np.array_equal(y, expected_y)
        assert y.dtype == np.int64


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("1,2,0\n3,4\n", "Line 2 has 2 values but line 1 has 3"),
        ("1,2,0\n3,abc,1\n", "Line 2, column 2: 'abc' is not a number"),
        ("x,y,class\n\n1,2,0\n3,abc,1\n", "Line 4, column 2: 'abc' is not a number"),  # lines of the file
        ("1;2;0\n3;4;x\n", "Line 2, column 3: the class label 'x' is not a number"),
        ("1,2,0\n3,nan,1\n", "'nan' is not a finite number"),
        ("1,2,0.5\n", "class label '0.5' is not a class number"),
        ("1,2,-1\n", "class label '-1' is not a class number"),
        ("1,2,100000\n", "class label '100000' is not a class number"),
        ("x1,x2,class\n", "no rows"),
        ("", "no rows"),
        ("1\n2\n", "at least one input and a class label"),
    ],
)
def test_a_bad_file_raises_a_sentence(text, words):
    with pytest.raises(CsvError, match=words):
        parse_batch(text)


def test_semicolons_with_decimal_commas_as_spreadsheets_write_them_in_many_languages():
    X, y = parse_batch("x0;x1;Klasse\n0,5;-1,25;0\n2;3,5;2\n")
    assert np.array_equal(X, [[0.5, -1.25], [2.0, 3.5]]) and np.array_equal(y, [0, 2])
    X, _ = parse_batch("0,5\t1e-3\t1\n")  # tabs too
    assert np.array_equal(X, [[0.5, 1e-3]])


def test_write_then_read_gives_the_same_arrays(tmp_path):
    rng = np.random.default_rng(1)
    X = rng.standard_normal((7, 3))
    X[0, 0] = np.float32(0.1)  # a float32 value stored in float64 survives too
    y = np.array([0, 1, 2, 5, 31, 0, 1])
    path = tmp_path / "batch.csv"
    write_batch(path, X, y)
    assert path.read_text().startswith("x0,x1,x2,class\n")
    X_read, y_read = read_batch(path)
    assert X_read.tobytes() == X.tobytes() and np.array_equal(y_read, y)
    assert batch_text(X_read, y_read) == path.read_text()


def test_unreadable_files_raise_a_sentence(tmp_path):
    with pytest.raises(CsvError, match="could not be read"):
        read_batch(tmp_path / "missing.csv")
    (tmp_path / "binary.csv").write_bytes(b"\xff\xfe\x00\x81")
    with pytest.raises(CsvError, match="could not be read"):
        read_batch(tmp_path / "binary.csv")
    with pytest.raises(CsvError, match="could not be written"):
        write_batch(tmp_path / "no" / "such" / "dir.csv", np.zeros((1, 2)), np.zeros(1, dtype=int))
