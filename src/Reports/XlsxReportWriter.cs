using DiaBan.Analytics.Reporting;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;

namespace DiaBan.Reports;

/// <summary>
/// The report as an XLSX workbook (MiniExcel): one sheet per table; row 1 the province and period, row 2 the table's
/// title, row 3 the Vietnamese headers, then the rows as real numbers with number formats, then the note.
/// </summary>
public static class XlsxReportWriter
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Rows above the data: title, table title, headers (frozen when scrolling).</summary>
    public const int HeaderRows = 3;

    public static void Write(Report report, Stream output)
    {
        var sheets = new Dictionary<string, object>();
        var columns = new List<DynamicExcelColumn>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (int t = 0; t < report.Tables.Count; t++)
        {
            var table = report.Tables[t];
            // keys are per sheet so each sheet's columns carry their own number format; headers are written as a row
            string Key(int c) => $"t{t}c{c}";
            var width = Math.Max(table.Columns.Count, 1);
            var rows = new List<Dictionary<string, object?>>
            {
                Row(width, Key, [$"{report.AreaName} — {report.Title}"]),
                Row(width, Key, [table.Title]),
                Row(width, Key, table.Columns.Select(c => (object?)c.Header).ToList()),
            };
            rows.AddRange(table.Rows.Select(r => Row(width, Key, r)));
            if (table.Note is { } note) rows.Add(Row(width, Key, [$"Ghi chú: {note}"]));
            for (int c = 0; c < table.Columns.Count; c++)
            {
                var kind = table.Columns[c].Kind;
                columns.Add(new DynamicExcelColumn(Key(c))
                {
                    Width = c == 0 ? 48 : kind == ReportValueKind.Text ? 28 : 18,
                    Format = Format(kind),
                });
            }
            sheets[UniqueName($"{t + 1}. {table.SheetName}", names)] = rows;
        }
        var config = new OpenXmlConfiguration
        {
            DynamicColumns = [.. columns],
            AutoFilter = false,
            FreezeRowCount = HeaderRows,
            EnableAutoWidth = false,
        };
        output.SaveAs(sheets, printHeader: false, configuration: config);
    }

    public static byte[] ToBytes(Report report)
    {
        using var stream = new MemoryStream();
        Write(report, stream);
        return stream.ToArray();
    }

    /// <summary>The Excel number format of a column kind (a share is stored as a fraction and shown as %).</summary>
    public static string? Format(ReportValueKind kind) => kind switch
    {
        ReportValueKind.Count => "#,##0",
        ReportValueKind.Number => "#,##0.0",
        ReportValueKind.Percent => "0.0%",
        _ => null,
    };

    private static Dictionary<string, object?> Row(int width, Func<int, string> key, IReadOnlyList<object?> cells)
    {
        var row = new Dictionary<string, object?>(width);
        for (int c = 0; c < width; c++) row[key(c)] = c < cells.Count ? cells[c] : null;
        return row;
    }

    // Excel: at most 31 characters, none of : \ / ? * [ ], unique ignoring case
    private static string UniqueName(string name, HashSet<string> taken)
    {
        var clean = new string(name.Select(ch => ":\\/?*[]".Contains(ch) ? '-' : ch).ToArray());
        clean = clean.Length > 31 ? clean[..31] : clean;
        var candidate = clean;
        for (int i = 2; !taken.Add(candidate); i++) candidate = $"{clean[..Math.Min(clean.Length, 28)]}~{i}";
        return candidate;
    }
}
