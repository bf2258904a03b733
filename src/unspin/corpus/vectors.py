"""Claim vectors as stored, and the cells that keep searching them sublinear.

A claim's vector is the claims stage's MiniLM sentence embedding (384 floats, unit
length), stored as 384 signed bytes: each vector scaled so its largest component is
±127 and rounded. Cosine similarity ignores the scale, so nothing else is kept; on the
CheckThat! 2020 sample this changes no ranking and moves a similarity by at most 0.0015
(benchmarks/claim_retrieval.py). That is 384 bytes a claim instead of 1,536.

**Cells.** Comparing every new claim with every stored one costs the square of the
corpus: at 700,000 claims about 2·10^14 multiply-adds, hours on two cores. So the match
step files each vector under the nearest of ``K`` k-means centroids (an inverted file,
as faiss's ``IndexIVFFlat`` does), and a claim is compared only with the claims of the
few cells nearest to it. K is about √N when the cells are made, and they are made again
when the corpus has grown ``REBUILD_GROWTH`` times since. Below ``MIN_CELLS_AT`` claims
there are no cells and every search is exhaustive. The cell is a column, so DuckDB reads
only the probed cells' rows. Written here with numpy and scikit-learn's k-means because
no approximate-nearest-neighbour library is a dependency (faiss would do the same); the
recall this costs is measured in benchmarks/claim_retrieval.py and docs/corpus.md.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa

DIM = 384
# No cells below this many claims: an exhaustive scan of 4,000 vectors takes a millisecond.
MIN_CELLS_AT = 4_000
# Cells are made again when the corpus has grown this many times since they were made.
REBUILD_GROWTH = 4
# At most this many cells (a SMALLINT), and k-means learns them from at most this sample.
MAX_CELLS = 2_048
TRAIN_SAMPLE = 32_768
# Rows compared in one matrix product: 2,048 x a cell of ~1,000 stays in the CPU cache.
BLOCK = 2_048
# Vectors filed under their cells per step.
FILE_BATCH = 131_072


def quantize(vectors: np.ndarray) -> list[bytes]:
    """Each row as 384 signed bytes, scaled so its largest component is ±127."""
    peak = np.abs(vectors).max(axis=1, keepdims=True)
    scaled = np.rint(vectors * (127.0 / np.maximum(peak, 1e-12)))
    return [row.tobytes() for row in scaled.astype(np.int8)]


def dequantize(raw: np.ndarray) -> np.ndarray:
    """Quantised vectors (rows of 384 int8) back to unit-length float32 rows."""
    out = raw.astype(np.float32)
    norms = np.sqrt(np.einsum("ij,ij->i", out, out))  # no n x 384 temporary, unlike norm()
    out /= np.maximum(norms, 1e-12)[:, None]
    return out


@dataclass(frozen=True, slots=True)
class Loaded:
    """Stored vectors (still quantised: a quarter of the memory) with their claim keys,
    their article (as DuckDB's ``hash(article_id)``) and their cell (-1 for none)."""

    keys: np.ndarray  # int64
    docs: np.ndarray  # uint64
    cells: np.ndarray  # int32
    raw: np.ndarray  # int8, rows x 384

    def __len__(self) -> int:
        return len(self.keys)

    def take(self, rows: np.ndarray | slice) -> Loaded:
        return Loaded(self.keys[rows], self.docs[rows], self.cells[rows], self.raw[rows])

    def unit(self) -> np.ndarray:
        return dequantize(self.raw)


def load(conn: duckdb.DuckDBPyConnection, where: str = "TRUE",
         params: Sequence[Any] = ()) -> Loaded:
    """The ``claim_vectors`` rows matching ``where``, in key order.

    The vectors come out of DuckDB as one Arrow binary column whose data buffer is the
    matrix itself (every value 384 bytes), so no Python object is made per row."""
    table = conn.sql(
        "SELECT key, hash(article_id) AS doc, coalesce(cell, -1)::INTEGER AS cell, vector "
        f"FROM claim_vectors WHERE {where} ORDER BY key", params=list(params)
    ).to_arrow_table()
    n = table.num_rows
    if n == 0:
        return Loaded(np.zeros(0, np.int64), np.zeros(0, np.uint64), np.zeros(0, np.int32),
                      np.zeros((0, DIM), np.int8))
    blobs = table.column("vector").combine_chunks()
    offsets = np.frombuffer(blobs.buffers()[1], dtype=np.int32, count=n + 1,
                            offset=blobs.offset * 4)
    if np.any(np.diff(offsets) != DIM):
        raise ValueError("a stored claim vector is not 384 bytes long")
    raw = np.frombuffer(blobs.buffers()[2], dtype=np.int8, count=n * DIM,
                        offset=int(offsets[0])).reshape(n, DIM)
    return Loaded(table.column("key").to_numpy().astype(np.int64),
                  table.column("doc").to_numpy().astype(np.uint64),
                  table.column("cell").to_numpy().astype(np.int32), raw)


class Cells:
    """The k-means centroids the vectors are filed under (unit rows), if any yet."""

    def __init__(self, centroids: np.ndarray, made_at: int) -> None:
        self.centroids = centroids
        self.made_at = made_at

    def __len__(self) -> int:
        return len(self.centroids)

    @classmethod
    def read(cls, conn: duckdb.DuckDBPyConnection) -> Cells:
        rows = conn.execute("SELECT centroid FROM claim_cells ORDER BY cell").fetchall()
        made = conn.execute("SELECT value FROM settings WHERE key = 'match.cells_made_at'"
                            ).fetchall()
        centroids = (np.stack([np.frombuffer(r[0], dtype=np.float32) for r in rows])
                     if rows else np.zeros((0, DIM), np.float32))
        return cls(centroids, int(made[0][0]) if made else 0)

    def assign(self, vectors: np.ndarray) -> np.ndarray:
        """Each vector's nearest cell (-1 for all when there are no cells)."""
        if not len(self) or not len(vectors):
            return np.full(len(vectors), -1, np.int32)
        out = np.empty(len(vectors), np.int32)
        for at in range(0, len(vectors), BLOCK * 8):
            out[at:at + BLOCK * 8] = np.argmax(vectors[at:at + BLOCK * 8] @ self.centroids.T,
                                               axis=1)
        return out

    def probes(self, vectors: np.ndarray, n: int) -> np.ndarray:
        """The ``n`` cells nearest each vector (rows x n)."""
        n = min(n, len(self))
        scores = vectors @ self.centroids.T
        return np.argpartition(-scores, n - 1, axis=1)[:, :n].astype(np.int32)


def cells_for(total: int) -> int:
    """How many cells a corpus of ``total`` claims gets: about √total."""
    return int(min(MAX_CELLS, max(16, round(math.sqrt(total)))))


def make_cells(conn: duckdb.DuckDBPyConnection, total: int) -> Cells:
    """Learn centroids from a sample of the stored vectors (k-means, fixed seed), store
    them, and file every stored vector under its cell. Runs inside the caller's
    transaction."""
    from sklearn.cluster import KMeans

    step = max(1, math.ceil(total / TRAIN_SAMPLE))
    sample = load(conn, "key % ? = 0", [step]).unit()
    k = min(cells_for(total), len(sample))
    # Random initial centroids: k-means++ costs k passes over the sample (minutes for 800
    # cells), and the cells need only be roughly even, not optimal.
    model = KMeans(n_clusters=k, init="random", n_init=1, max_iter=20,
                   random_state=0).fit(sample)
    centroids = model.cluster_centers_.astype(np.float32)
    centroids /= np.maximum(np.linalg.norm(centroids, axis=1, keepdims=True), 1e-12)
    conn.execute("DELETE FROM claim_cells")
    conn.register("_cells", pa.table({
        "cell": pa.array(np.arange(k), pa.int16()),
        "centroid": pa.array([c.tobytes() for c in centroids], pa.binary())}))
    conn.execute("INSERT INTO claim_cells SELECT * FROM _cells")
    conn.unregister("_cells")
    conn.execute("INSERT OR REPLACE INTO settings VALUES ('match.cells_made_at', ?)",
                 [str(total)])
    cells = Cells(centroids, total)
    file_under(conn, cells, "TRUE")
    return cells


def file_under(conn: duckdb.DuckDBPyConnection, cells: Cells, where: str) -> int:
    """Set the cell of the stored vectors matching ``where``, a key range at a time so
    memory stays small; return how many were filed."""
    bounds = conn.execute(f"SELECT min(key), max(key) FROM claim_vectors WHERE {where}"
                          ).fetchall()[0]
    if not len(cells) or bounds[0] is None:
        return 0
    filed = 0
    for low in range(int(bounds[0]), int(bounds[1]) + 1, FILE_BATCH):
        found = load(conn, f"({where}) AND key >= ? AND key < ?", [low, low + FILE_BATCH])
        if not len(found):
            continue
        conn.register("_filed", pa.table({
            "key": found.keys, "cell": cells.assign(found.unit()).astype(np.int16)}))
        conn.execute("UPDATE claim_vectors SET cell = f.cell FROM _filed f "
                     "WHERE claim_vectors.key = f.key")
        conn.unregister("_filed")
        filed += len(found)
    return filed
