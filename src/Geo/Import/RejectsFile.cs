using System.Globalization;
using System.Text;
using nietras.SeparatedValues;

namespace DiaBan.Geo.Import;

/// <summary>
/// The bad rows of an import run with <c>--rejects FILE.csv</c>: every good row is loaded and each bad row is written
/// here with its row number, the field(s) and the reason(s), followed by the row's own cells so it can be fixed and
/// re-imported. Only the reasons are held in memory; the cells are streamed from the source again when written.
/// CSV through Sep, UTF-8 with BOM (Excel), cells Excel would run as a formula prefixed with ' (OWASP CSV injection).
/// </summary>
public sealed class RejectsFile(string path)
{
    public static readonly string[] LeadColumns = ["row", "field", "reason"];

    // row number → its errors, in the order found; a row can fail in parsing and again when matched in the database
    private readonly SortedDictionary<int, List<ImportError>> _rows = [];

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    /// <summary>Bad rows recorded so far (a row with several errors counts once).</summary>
    public int Count => _rows.Count;

    public bool Contains(int row) => _rows.ContainsKey(row);

    public void Add(ImportError error)
    {
        if (!_rows.TryGetValue(error.Row, out var list)) _rows[error.Row] = list = [];
        list.Add(error);
    }

    /// <summary>Takes every error collected so far (all of them: call it with an uncapped ImportErrors, see ImportErrors.Rejects).</summary>
    public void AddRange(IEnumerable<ImportError> errors)
    {
        foreach (var e in errors) Add(e);
    }

    /// <summary>
    /// Writes `row,field,reason` and the source's columns for every bad row, in row order (also when there are none, so
    /// an empty rejects file says "nothing rejected"). The source is read once more, streaming.
    /// </summary>
    public void Write(TableFile source)
    {
        var original = UniqueNames(source.Header);
        var dir = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        using var text = new StreamWriter(Path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        using var writer = Sep.Writer(o => o with { Sep = new Sep(','), Escape = true, WriteHeader = true }).To(text);
        var pending = new Queue<int>(_rows.Keys);
        if (pending.Count > 0)
            foreach (var r in source.Rows)
            {
                while (pending.Count > 0 && pending.Peek() < r.Row) WriteRow(writer, original, pending.Dequeue(), null);
                if (pending.Count == 0) break;
                if (pending.Peek() == r.Row) WriteRow(writer, original, pending.Dequeue(), r);
            }
        while (pending.Count > 0) WriteRow(writer, original, pending.Dequeue(), null);
        if (_rows.Count == 0)
        {
            // Sep writes the header with the first row; an empty file still gets it
            text.Write(string.Join(',', LeadColumns.Concat(original.Select(o => o.Name)).Select(EscapeHeader)));
            text.Write("\r\n");
        }
    }

    private void WriteRow(SepWriter writer, IReadOnlyList<(string Name, string Source)> original, int rowNumber, TableRow? source)
    {
        var errors = _rows[rowNumber];
        using var row = writer.NewRow();
        row["row"].Set(rowNumber.ToString(CultureInfo.InvariantCulture));
        row["field"].Set(Cell(string.Join("; ", errors.Select(e => e.Field).Distinct())));
        row["reason"].Set(Cell(string.Join("; ", errors.Select(e => errors.Count > 1 ? $"{e.Field}: {e.Message}" : e.Message))));
        foreach (var (name, column) in original) row[name].Set(Cell(source?.Get(column) ?? ""));
    }

    /// <summary>A cell from data that starts with = + - @ tab or CR gets a leading ' unless it is a plain number (-5.2 stays a number).</summary>
    public static string Cell(string value) =>
        value.Length > 0 && "=+-@\t\r".Contains(value[0])
            && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? "'" + value : value;

    private static string EscapeHeader(string name)
    {
        var safe = Cell(name);
        return safe.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{safe.Replace("\"", "\"\"")}\"" : safe;
    }

    // the source's columns under names that clash neither with row/field/reason nor with each other
    private static List<(string Name, string Source)> UniqueNames(IReadOnlyList<string> header)
    {
        var used = new HashSet<string>(LeadColumns, StringComparer.OrdinalIgnoreCase);
        var list = new List<(string, string)>();
        foreach (var h in header.Where(h => h.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var name = h;
            for (var i = 2; !used.Add(name); i++) name = $"{h}_{i}";
            list.Add((Cell(name), h));
        }
        return list;
    }
}
