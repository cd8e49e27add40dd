namespace DiaBan.Geo.Import;

/// <summary>A header row plus data rows read from a CSV or XLSX file.</summary>
public sealed class TableFile(string path, IReadOnlyList<string> header, IReadOnlyList<TableRow> rows)
{
    public string Path { get; } = path;
    public string Name => System.IO.Path.GetFileName(Path);
    public IReadOnlyList<string> Header { get; } = header;
    public IReadOnlyList<TableRow> Rows { get; } = rows;

    /// <summary>Reads .csv (UTF-8, comma or semicolon) or .xlsx (first sheet) by extension.</summary>
    public static TableFile Read(string path)
    {
        if (!File.Exists(path)) throw new ImportException(System.IO.Path.GetFileName(path), 0, "file", "file not found / không tìm thấy tệp");
        var ext = System.IO.Path.GetExtension(path).ToLowerInvariant();
        var (header, records) = ext switch
        {
            ".xlsx" => XlsxSheetReader.Read(path),
            ".csv" or ".txt" => CsvReader.Read(path),
            _ => throw new ImportException(System.IO.Path.GetFileName(path), 0, "file", $"unsupported table format '{ext}' (use .csv or .xlsx)"),
        };
        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Count; i++)
            if (!string.IsNullOrWhiteSpace(header[i])) columns.TryAdd(header[i].Trim(), i);
        var rows = records
            .Where(r => r.Cells.Any(c => !string.IsNullOrWhiteSpace(c)))
            .Select(r => new TableRow(r.Row, columns, r.Cells))
            .ToList();
        return new TableFile(path, header.Select(h => h.Trim()).ToList(), rows);
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
