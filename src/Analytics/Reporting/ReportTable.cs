namespace DiaBan.Analytics.Reporting;

/// <summary>How a column's cells are written: text, a whole count, a decimal figure, or a share (a fraction, 0.25 = 25 %).</summary>
public enum ReportValueKind
{
    Text,
    Count,
    Number,
    Percent,
}

public sealed record ReportColumn(string Header, ReportValueKind Kind);

/// <summary>
/// One table of the report: one sheet in the XLSX, one section in the PDF. Cells are typed values (string, long, double
/// or null for "no figure"), never preformatted text, so a spreadsheet receives numbers.
/// </summary>
/// <param name="SheetName">Short Vietnamese name, at most 31 characters (an Excel sheet name).</param>
/// <param name="Note">Where the figures come from, which proxy is used, or why there are none.</param>
public sealed record ReportTable(
    string SheetName,
    string Title,
    IReadOnlyList<ReportColumn> Columns,
    IReadOnlyList<IReadOnlyList<object?>> Rows,
    string? Note)
{
    /// <summary>Shown in a table whose data source is absent.</summary>
    public const string NoData = "Chưa có dữ liệu";

    /// <summary>A table whose data source does not exist yet: its title, and "chưa có dữ liệu" with the reason.</summary>
    public static ReportTable Unavailable(string sheetName, string title, string reason) =>
        new(sheetName, title, [new ReportColumn("Ghi chú", ReportValueKind.Text)], [[$"{NoData}: {reason}"]], reason);
}
