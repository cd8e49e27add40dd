namespace DiaBan.Geo.Import;

/// <summary>
/// A header row plus data rows of a CSV or XLSX file. Only the header is read up front; <see cref="Rows"/> streams the
/// file each time it is enumerated, so a file of any size is read in bounded memory.
/// </summary>
public sealed class TableFile
{
    private readonly Func<IEnumerable<RawRecord>> _records;
    private readonly Dictionary<string, int> _columns;

    private TableFile(string path, IReadOnlyList<string> header, Func<IEnumerable<RawRecord>> records)
    {
        Path = path;
        _records = records;
        _columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Count; i++)
            if (!string.IsNullOrWhiteSpace(header[i])) _columns.TryAdd(header[i].Trim(), i);
        Header = header.Select(h => h.Trim()).ToList();
    }

    public string Path { get; }
    public string Name => System.IO.Path.GetFileName(Path);
    public IReadOnlyList<string> Header { get; }

    /// <summary>A CSV file (read by Sep: <see cref="CsvReader.Chunks"/> can read it without a string per cell).</summary>
    internal bool IsCsv => System.IO.Path.GetExtension(Path).ToLowerInvariant() is ".csv" or ".txt";

    /// <summary>The columns by (case-insensitive, trimmed) name, the first of a repeated name: what <see cref="TableRow.Get"/> reads.</summary>
    internal IReadOnlyDictionary<string, int> Columns => _columns;

    /// <summary>The index of a column, or -1 when the header has none of that name.</summary>
    internal int Column(string name) => _columns.TryGetValue(name, out var i) ? i : -1;

    /// <summary>The data rows (blank rows skipped), read lazily from the file; an unreadable row throws ImportException.</summary>
    public IEnumerable<TableRow> Rows
    {
        get
        {
            var header = true;
            foreach (var r in _records())
            {
                if (header) { header = false; continue; }
                if (!IsBlank(r.Cells)) yield return new TableRow(r.Row, _columns, r.Cells);
            }
        }
    }

    // a loop, not LINQ's Any: this runs for every row of a file of millions
    private static bool IsBlank(IReadOnlyList<string?> cells)
    {
        for (var i = 0; i < cells.Count; i++)
            if (!string.IsNullOrWhiteSpace(cells[i])) return false;
        return true;
    }

    /// <summary>Opens .csv (UTF-8/UTF-16, comma or semicolon) or .xlsx (first sheet) by extension and reads its header.</summary>
    public static TableFile Read(string path)
    {
        var name = System.IO.Path.GetFileName(path);
        if (!File.Exists(path)) throw new ImportException(name, 0, "file", "file not found / không tìm thấy tệp");
        var ext = System.IO.Path.GetExtension(path).ToLowerInvariant();
        Func<IEnumerable<RawRecord>> records = ext switch
        {
            ".xlsx" => () => XlsxReader.Records(path),
            ".csv" or ".txt" => () => CsvReader.Records(path),
            _ => throw new ImportException(name, 0, "file", $"unsupported table format '{ext}' (use .csv or .xlsx)"),
        };
        var first = records().FirstOrDefault()
            ?? throw new ImportException(name, 1, "header", "empty file / tệp rỗng");
        return new TableFile(path, first.Cells.Select(c => c ?? "").ToList(), records);
    }

    /// <summary>Throws a file:1:column error for each required column missing from the header.</summary>
    public void RequireColumns(params string[] required)
    {
        var missing = required.Where(c => !Header.Contains(c, StringComparer.OrdinalIgnoreCase)).ToList();
        if (missing.Count > 0)
            throw new ImportException(missing.Select(c => new ImportError(Name, 1, c,
                $"missing column '{c}' (thiếu cột); header has: {string.Join(",", Header)}")).ToList());
    }
}

/// <summary>A raw record: its 1-based row number in the file and its cells.</summary>
public sealed record RawRecord(int Row, IReadOnlyList<string?> Cells);
