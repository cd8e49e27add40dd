namespace DiaBan.Geo.Import;

/// <summary>One data row of a CSV/XLSX file: its 1-based row number in the file and cells by (case-insensitive) column name.</summary>
public sealed class TableRow(int row, IReadOnlyDictionary<string, int> columns, IReadOnlyList<string?> cells)
{
    public int Row { get; } = row;

    /// <summary>A single row made of named values (a web form), so it passes through the same field rules as a file's row.</summary>
    public static TableRow Of(IReadOnlyDictionary<string, string?> fields, int row = 1)
    {
        var names = fields.Keys.ToList();
        var columns = names.Select((n, i) => (n, i)).ToDictionary(x => x.n, x => x.i, StringComparer.OrdinalIgnoreCase);
        return new TableRow(row, columns, names.Select(n => fields[n]).ToList());
    }

    public bool Has(string column) => columns.ContainsKey(column);

    /// <summary>The trimmed cell text, or null when the column is absent or the cell blank.</summary>
    public string? Get(string column)
    {
        if (!columns.TryGetValue(column, out var i) || i >= cells.Count) return null;
        var v = cells[i]?.Trim();
        return string.IsNullOrEmpty(v) ? null : v;
    }
}
