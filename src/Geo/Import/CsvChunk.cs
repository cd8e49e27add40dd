using System.Text;
using nietras.SeparatedValues;

namespace DiaBan.Geo.Import;

/// <summary>
/// A block of CSV data rows held as one reused character buffer plus each cell's place in it: no string per cell and no
/// object per row (the incident importer's fast path, docs/performance.md "Cells as spans"). Filled by
/// <see cref="CsvReader.Chunks"/> with the same reading rules as <see cref="CsvReader.Records(string)"/> and
/// <see cref="TableFile.Rows"/>: the header skipped, blank rows skipped, an unterminated quote or bad encoding refused.
/// </summary>
internal sealed class CsvChunk
{
    private char[] _text = new char[1 << 20];
    private int _textUsed;
    private int[] _cellStart = new int[1 << 16];
    private int[] _cellLength = new int[1 << 16];
    private int _cells;
    private int[] _line = new int[1024];
    private int[] _firstCell = new int[1024];
    private int[] _cellCount = new int[1024];

    public int Count { get; private set; }

    /// <summary>The 1-based row number of the i-th row in the file (as <see cref="TableRow.Row"/>).</summary>
    public int Line(int i) => _line[i];

    /// <summary>The unescaped text of a cell, empty when the row has no such column (col &lt; 0 or past its end).</summary>
    public ReadOnlySpan<char> Cell(int i, int col) =>
        (uint)col < (uint)_cellCount[i] ? _text.AsSpan(_cellStart[_firstCell[i] + col], _cellLength[_firstCell[i] + col]) : default;

    /// <summary>The i-th row as the old path's <see cref="TableRow"/> (a string per cell): the careful path for a row the fast one does not take.</summary>
    public TableRow ToTableRow(int i, IReadOnlyDictionary<string, int> columns)
    {
        var cells = new string?[_cellCount[i]];
        for (var c = 0; c < cells.Length; c++) cells[c] = Cell(i, c).ToString();
        return new TableRow(_line[i], columns, cells);
    }

    public void Clear() => (Count, _textUsed, _cells) = (0, 0, 0);

    /// <summary>Adds the row unless it is blank (every cell empty or white space, as <see cref="TableFile.Rows"/> skips it).</summary>
    public void Add(SepReader.Row row)
    {
        var n = row.ColCount;
        if (Count == _line.Length)
        {
            Array.Resize(ref _line, Count * 2);
            Array.Resize(ref _firstCell, Count * 2);
            Array.Resize(ref _cellCount, Count * 2);
        }
        if (_cells + n > _cellStart.Length)
        {
            var size = Math.Max(_cellStart.Length * 2, _cells + n);
            Array.Resize(ref _cellStart, size);
            Array.Resize(ref _cellLength, size);
        }
        // copied first and checked for blankness as it goes (each cell read once); a blank row is then taken back
        var (textBefore, cellsBefore) = (_textUsed, _cells);
        var blank = true;
        for (var c = 0; c < n; c++)
        {
            var span = row[c].Span;
            if (_textUsed + span.Length > _text.Length) Array.Resize(ref _text, Math.Max(_text.Length * 2, _textUsed + span.Length));
            span.CopyTo(_text.AsSpan(_textUsed));
            (_cellStart[_cells], _cellLength[_cells]) = (_textUsed, span.Length);
            if (blank && !span.IsWhiteSpace()) blank = false;
            _textUsed += span.Length;
            _cells++;
        }
        if (blank)
        {
            (_textUsed, _cells) = (textBefore, cellsBefore);
            return;
        }
        (_line[Count], _firstCell[Count], _cellCount[Count]) = (row.LineNumberFrom, cellsBefore, n);
        Count++;
    }
}
