using System.Buffers.Binary;
using System.Runtime.InteropServices;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;

namespace DiaBan.Geo.Import;

/// <summary>
/// A two-level grid over the communes that answers most points with no polygon test: the country is cut into cells of
/// 1/64° (≈ 1.7 km), and each cell that some commune boundary crosses into 8 × 8 fine cells of 1/512° (≈ 220 m). Every
/// commune is rasterised on the fine cells: a cell its boundary touches (with a margin) is a border cell, any other is
/// wholly inside or wholly outside it (by the even–odd crossing count at the cell's centre, the rule NetTopologySuite's
/// point-in-area locators use). A cell wholly inside one commune and touched by no other is answered by that commune;
/// a cell touched by several holds their list in id order, each marked "covers the whole cell" or "test the point", and
/// <see cref="CommuneLocator"/> walks it with the same rule as before (<c>ST_Covers</c>, lowest id valid on the date).
/// Communes are given by index; the caller keeps the index order equal to the id order.
/// </summary>
internal sealed class CommuneGrid
{
    /// <summary>Fine cells per degree (a power of two: cell edges are exact in binary).</summary>
    internal const int PerDegree = 512;
    private const int FineBits = 3, Fine = 1 << FineBits, BlockCells = Fine * Fine;
    /// <summary>How far (degrees, ≈ 0.1 mm) a boundary is widened when marking border cells: a point rounded into a
    /// neighbouring cell is still answered by a cell whose closed box, so widened, lies on one side of every boundary.</summary>
    private const double Margin = 1e-9;

    /// <summary>Code of a cell no commune touches.</summary>
    public const int Empty = -1;

    /// <summary>Version of the rasterisation and of <see cref="ToBytes"/>: part of a stored grid's key
    /// (<see cref="CommuneLocator"/>), so a grid stored by an older build is never read. Bump it with any change to
    /// how cells are classified or stored.</summary>
    public const int Format = 1;

    private readonly double _x0, _y0;
    private readonly int _width, _height; // in coarse cells
    private readonly int[] _coarse;       // ≥ 0 commune index, Empty, ≤ -2 block -(code + 2)
    private readonly int[] _blocks;       // BlockCells per block: ≥ 0 commune index, Empty, ≤ -2 list at -(code + 2)
    private readonly int[] _lists;        // a count, then (commune index << 1 | 1 when it covers the whole cell) in index order

    private CommuneGrid(double x0, double y0, int width, int height, int[] coarse, int[] blocks, int[] lists) =>
        (_x0, _y0, _width, _height, _coarse, _blocks, _lists) = (x0, y0, width, height, coarse, blocks, lists);

    /// <summary>Coarse cells split into fine ones, and distinct candidate lists (for the bench's profile).</summary>
    public int Blocks => _blocks.Length / BlockCells;

    public int Lists { get; private init; }

    /// <summary>
    /// The code of the fine cell holding the point: a commune index (the cell lies wholly inside it and touches no
    /// other commune), <see cref="Empty"/>, or a candidate list (≤ -2) to read with <see cref="Candidates"/>.
    /// </summary>
    public int Cell(double x, double y)
    {
        var fx = (x - _x0) * PerDegree;
        var fy = (y - _y0) * PerDegree;
        // also false for NaN
        if (!(fx >= 0 && fy >= 0 && fx < (double)_width * Fine && fy < (double)_height * Fine)) return Empty;
        int ix = (int)fx, iy = (int)fy;
        var code = _coarse[(iy >> FineBits) * _width + (ix >> FineBits)];
        if (code >= Empty) return code;
        return _blocks[(-(code + 2)) * BlockCells + ((iy & (Fine - 1)) << FineBits) + (ix & (Fine - 1))];
    }

    /// <summary>The candidates of a list code: each is (commune index &lt;&lt; 1) | 1 when the commune covers the whole cell.</summary>
    public ReadOnlySpan<int> Candidates(int code)
    {
        var at = -(code + 2);
        return _lists.AsSpan(at + 1, _lists[at]);
    }

    /// <summary>The grid as bytes (little-endian), to store and read back with <see cref="FromBytes"/>.</summary>
    public byte[] ToBytes()
    {
        const int header = 4 * 4 + 2 * 8 + 3 * 4;
        var bytes = new byte[header + 4L * (_coarse.Length + _blocks.Length + _lists.Length)];
        var s = bytes.AsSpan();
        BinaryPrimitives.WriteInt32LittleEndian(s, Format);
        BinaryPrimitives.WriteInt32LittleEndian(s[4..], _width);
        BinaryPrimitives.WriteInt32LittleEndian(s[8..], _height);
        BinaryPrimitives.WriteInt32LittleEndian(s[12..], Lists);
        BinaryPrimitives.WriteDoubleLittleEndian(s[16..], _x0);
        BinaryPrimitives.WriteDoubleLittleEndian(s[24..], _y0);
        BinaryPrimitives.WriteInt32LittleEndian(s[32..], _coarse.Length);
        BinaryPrimitives.WriteInt32LittleEndian(s[36..], _blocks.Length);
        BinaryPrimitives.WriteInt32LittleEndian(s[40..], _lists.Length);
        var at = header;
        foreach (var a in (int[][])[_coarse, _blocks, _lists])
        {
            var span = s.Slice(at, a.Length * 4);
            if (BitConverter.IsLittleEndian) MemoryMarshal.AsBytes(a.AsSpan()).CopyTo(span);
            else for (var i = 0; i < a.Length; i++) BinaryPrimitives.WriteInt32LittleEndian(span[(i * 4)..], a[i]);
            at += span.Length;
        }
        return bytes;
    }

    /// <summary>A grid written by <see cref="ToBytes"/>; null when the bytes are not a whole grid of this <see cref="Format"/>.</summary>
    public static CommuneGrid? FromBytes(ReadOnlySpan<byte> s)
    {
        const int header = 4 * 4 + 2 * 8 + 3 * 4;
        if (s.Length < header || BinaryPrimitives.ReadInt32LittleEndian(s) != Format) return null;
        int width = BinaryPrimitives.ReadInt32LittleEndian(s[4..]), height = BinaryPrimitives.ReadInt32LittleEndian(s[8..]);
        var lists = BinaryPrimitives.ReadInt32LittleEndian(s[12..]);
        double x0 = BinaryPrimitives.ReadDoubleLittleEndian(s[16..]), y0 = BinaryPrimitives.ReadDoubleLittleEndian(s[24..]);
        var lengths = new[] { BinaryPrimitives.ReadInt32LittleEndian(s[32..]), BinaryPrimitives.ReadInt32LittleEndian(s[36..]),
                              BinaryPrimitives.ReadInt32LittleEndian(s[40..]) };
        if (lengths.Any(n => n < 0) || lengths[0] != (long)width * height || lengths[1] % BlockCells != 0
            || s.Length != header + 4L * lengths.Sum(n => (long)n)) return null;
        var arrays = new int[3][];
        var at = header;
        for (var k = 0; k < 3; k++)
        {
            var span = s.Slice(at, lengths[k] * 4);
            arrays[k] = new int[lengths[k]];
            if (BitConverter.IsLittleEndian) span.CopyTo(MemoryMarshal.AsBytes(arrays[k].AsSpan()));
            else for (var i = 0; i < lengths[k]; i++) arrays[k][i] = BinaryPrimitives.ReadInt32LittleEndian(span[(i * 4)..]);
            at += span.Length;
        }
        return new CommuneGrid(x0, y0, width, height, arrays[0], arrays[1], arrays[2]) { Lists = lists };
    }

    /// <summary>Rasterises the areas (polygons or multipolygons; index = position) on all cores and merges them.</summary>
    public static CommuneGrid Build(IReadOnlyList<Geometry> areas)
    {
        var extent = new Envelope();
        foreach (var a in areas)
            if (!a.IsEmpty) extent.ExpandToInclude(a.EnvelopeInternal);
        if (extent.IsNull) return new CommuneGrid(0, 0, 0, 0, [], [], []);
        // aligned on coarse cells, with a margin so a point on the outermost boundary falls inside the grid
        const int coarsePerDegree = PerDegree / Fine;
        var x0 = Math.Floor((extent.MinX - 1e-6) * coarsePerDegree) / coarsePerDegree;
        var y0 = Math.Floor((extent.MinY - 1e-6) * coarsePerDegree) / coarsePerDegree;
        var width = (int)Math.Floor((extent.MaxX + 1e-6 - x0) * coarsePerDegree) + 1;
        var height = (int)Math.Floor((extent.MaxY + 1e-6 - y0) * coarsePerDegree) + 1;

        var rasters = new Raster?[areas.Count];
        Parallel.For(0, areas.Count, k => rasters[k] = areas[k].IsEmpty ? null : Raster.Of(areas[k], x0, y0));

        // every (coarse cell, commune) pair whose raster is not wholly outside, grouped by cell (communes in index order)
        var counts = new int[width * height + 1];
        foreach (var r in rasters)
            r?.ForEachBlock((cell, _, _) => counts[cell + 1]++, width);
        for (var i = 1; i < counts.Length; i++) counts[i] += counts[i - 1];
        var fill = counts[..^1].ToArray();
        var entryCommune = new int[counts[^1]];
        var entryBlock = new int[counts[^1]]; // offset of the commune's 8 × 8 block in its raster, or -1 when wholly inside
        for (var k = 0; k < rasters.Length; k++)
        {
            var commune = k;
            rasters[k]?.ForEachBlock((cell, full, block) =>
            {
                var e = fill[cell]++;
                entryCommune[e] = commune;
                entryBlock[e] = full ? -1 : block;
            }, width);
        }

        var coarse = new int[width * height];
        var blocks = new List<int>();
        var lists = new List<int>();
        var pairs = new Dictionary<ulong, int>();
        var longer = new Dictionary<string, int>();
        Span<int> fine = stackalloc int[BlockCells];
        var candidates = new List<int>();
        for (var cell = 0; cell < coarse.Length; cell++)
        {
            int from = counts[cell], to = counts[cell + 1];
            if (from == to) { coarse[cell] = Empty; continue; }
            if (to - from == 1 && entryBlock[from] < 0) { coarse[cell] = entryCommune[from]; continue; }
            for (var j = 0; j < BlockCells; j++)
            {
                candidates.Clear();
                for (var e = from; e < to; e++)
                {
                    var state = entryBlock[e] < 0 ? Raster.Inside : rasters[entryCommune[e]]!.StateInBlock(entryBlock[e], j);
                    if (state != Raster.Outside) candidates.Add(entryCommune[e] << 1 | (state == Raster.Inside ? 1 : 0));
                }
                fine[j] = candidates.Count switch
                {
                    0 => Empty,
                    1 when (candidates[0] & 1) == 1 => candidates[0] >> 1,
                    _ => ListCode(candidates, lists, pairs, longer),
                };
            }
            var same = true;
            for (var j = 1; j < BlockCells && same; j++) same = fine[j] == fine[0];
            if (same && fine[0] >= Empty) { coarse[cell] = fine[0]; continue; }
            coarse[cell] = -(blocks.Count / BlockCells) - 2;
            foreach (var v in fine) blocks.Add(v);
        }
        return new CommuneGrid(x0, y0, width, height, coarse, [.. blocks], [.. lists]) { Lists = pairs.Count + longer.Count };
    }

    // one stored list per distinct candidate list (most border cells share theirs with the rest of the same border)
    private static int ListCode(List<int> candidates, List<int> lists, Dictionary<ulong, int> pairs, Dictionary<string, int> longer)
    {
        int code;
        if (candidates.Count <= 2)
        {
            var key = (ulong)(uint)candidates[0] << 32 | (candidates.Count == 2 ? (uint)candidates[1] : uint.MaxValue);
            if (pairs.TryGetValue(key, out code)) return code;
            pairs[key] = code = -lists.Count - 2;
        }
        else
        {
            var key = string.Join(',', candidates);
            if (longer.TryGetValue(key, out code)) return code;
            longer[key] = code = -lists.Count - 2;
        }
        lists.Add(candidates.Count);
        lists.AddRange(candidates);
        return code;
    }

    /// <summary>One commune on the fine cells of its envelope (aligned on whole coarse cells): outside, inside, or border.</summary>
    private sealed class Raster
    {
        public const byte Outside = 0, Inside = 1, Border = 2;

        private readonly int _fx0, _fy0, _w, _h; // fine cells
        private readonly byte[] _state;

        private Raster(int fx0, int fy0, int w, int h) => (_fx0, _fy0, _w, _h, _state) = (fx0, fy0, w, h, new byte[w * h]);

        public static Raster Of(Geometry area, double x0, double y0)
        {
            var e = area.EnvelopeInternal;
            var fx0 = (int)Math.Floor((e.MinX - Margin - x0) * PerDegree) & ~(Fine - 1);
            var fy0 = (int)Math.Floor((e.MinY - Margin - y0) * PerDegree) & ~(Fine - 1);
            var fx1 = ((int)Math.Floor((e.MaxX + Margin - x0) * PerDegree) | (Fine - 1)) + 1;
            var fy1 = ((int)Math.Floor((e.MaxY + Margin - y0) * PerDegree) | (Fine - 1)) + 1;
            var r = new Raster(fx0, fy0, fx1 - fx0, fy1 - fy0);
            var crossings = new List<double>?[r._h];
            foreach (var polygon in PolygonExtracter.GetPolygons(area).Cast<Polygon>())
            {
                r.AddRing(polygon.ExteriorRing.Coordinates, x0, y0, crossings);
                foreach (var hole in polygon.InteriorRings) r.AddRing(hole.Coordinates, x0, y0, crossings);
            }
            // every cell no boundary touches lies wholly on one side: inside when an odd number of edges cross the
            // row's centre line left of its centre
            for (var row = 0; row < r._h; row++)
            {
                var xs = crossings[row];
                if (xs is null) continue;
                xs.Sort();
                var next = 0;
                for (var col = 0; col < r._w; col++)
                {
                    var at = row * r._w + col;
                    if (r._state[at] == Border) continue;
                    var cx = x0 + (r._fx0 + col + 0.5) / PerDegree;
                    while (next < xs.Count && xs[next] < cx) next++;
                    if ((next & 1) == 1) r._state[at] = Inside;
                }
            }
            return r;
        }

        private void AddRing(Coordinate[] ring, double x0, double y0, List<double>?[] crossings)
        {
            for (var i = 0; i + 1 < ring.Length; i++)
            {
                var (a, b) = (ring[i], ring[i + 1]);
                MarkBorder(a, b, x0, y0);
                if (a.Y == b.Y) continue;
                // rows whose centre line the edge crosses (half-open in y: a vertex on the line counts once)
                var lo = (int)Math.Floor((Math.Min(a.Y, b.Y) - y0) * PerDegree) - _fy0 - 1;
                var hi = (int)Math.Floor((Math.Max(a.Y, b.Y) - y0) * PerDegree) - _fy0 + 1;
                for (var row = Math.Max(0, lo); row <= Math.Min(_h - 1, hi); row++)
                {
                    var yc = y0 + (_fy0 + row + 0.5) / PerDegree;
                    if ((a.Y <= yc) == (b.Y <= yc)) continue;
                    (crossings[row] ??= []).Add(a.X + (yc - a.Y) * (b.X - a.X) / (b.Y - a.Y));
                }
            }
        }

        // marks every cell the segment may touch: the segment in pieces of at most half a cell, each piece's box widened by the margin
        private void MarkBorder(Coordinate a, Coordinate b, double x0, double y0)
        {
            var pieces = Math.Max(1, (int)Math.Ceiling(Math.Max(Math.Abs(b.X - a.X), Math.Abs(b.Y - a.Y)) * PerDegree * 2));
            var (px, py) = (a.X, a.Y);
            for (var p = 1; p <= pieces; p++)
            {
                var (qx, qy) = p == pieces ? (b.X, b.Y) : (a.X + (b.X - a.X) * p / pieces, a.Y + (b.Y - a.Y) * p / pieces);
                var c0 = Math.Max(0, (int)Math.Floor((Math.Min(px, qx) - Margin - x0) * PerDegree) - _fx0);
                var c1 = Math.Min(_w - 1, (int)Math.Floor((Math.Max(px, qx) + Margin - x0) * PerDegree) - _fx0);
                var r0 = Math.Max(0, (int)Math.Floor((Math.Min(py, qy) - Margin - y0) * PerDegree) - _fy0);
                var r1 = Math.Min(_h - 1, (int)Math.Floor((Math.Max(py, qy) + Margin - y0) * PerDegree) - _fy0);
                for (var row = r0; row <= r1; row++)
                    for (var col = c0; col <= c1; col++) _state[row * _w + col] = Border;
                (px, py) = (qx, qy);
            }
        }

        /// <summary>Each coarse cell of the raster not wholly outside: (coarse cell index, wholly inside, block offset).</summary>
        public void ForEachBlock(Action<int, bool, int> visit, int coarseWidth)
        {
            for (var by = 0; by < _h; by += Fine)
                for (var bx = 0; bx < _w; bx += Fine)
                {
                    bool anyIn = false, allIn = true;
                    for (var j = 0; j < BlockCells; j++)
                    {
                        var s = _state[(by + (j >> FineBits)) * _w + bx + (j & (Fine - 1))];
                        anyIn |= s != Outside;
                        allIn &= s == Inside;
                    }
                    if (anyIn) visit(((_fy0 + by) >> FineBits) * coarseWidth + ((_fx0 + bx) >> FineBits), allIn, by * _w + bx);
                }
        }

        /// <summary>The state of fine cell j (row-major in the block) of the block at offset <paramref name="block"/>.</summary>
        public byte StateInBlock(int block, int j) => _state[block + (j >> FineBits) * _w + (j & (Fine - 1))];
    }
}
