using System.Globalization;
using System.Text;
using DiaBan.Analytics.Domain;
using DiaBan.Analytics.Risk;
using DiaBan.Geo.Services;

namespace DiaBan.Web.Risk;

/// <summary>
/// The patrol list as CSV for Excel: UTF-8 with BOM (Excel needs it to read Vietnamese), RFC 4180 quoting, and text
/// cells that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) prefixed with ' (OWASP CSV injection).
/// </summary>
public static class PatrolCsv
{
    public static readonly string[] Header =
    [
        "hang", "ma_xa", "ten_xa", "xac_suat", "xac_suat_thap", "xac_suat_cao", "so_vu_du_bao", "tham_do", "hang_nguy_co",
        "quy", "phien_ban_mo_hinh", "giai_thich",
    ];

    /// <summary>The list with each row's explanation worded in the request's language (<see cref="PatrolAssignmentText"/>).</summary>
    public static byte[] Build(PatrolPlanResult plan, PatrolAssignmentText explain)
    {
        var text = new StringBuilder();
        text.Append(string.Join(',', Header)).Append("\r\n");
        foreach (var row in plan.Rows)
        {
            var a = row.Assignment;
            var s = row.Commune.Score;
            string[] cells =
            [
                a.Rank.ToString(CultureInfo.InvariantCulture), Text(row.Commune.Code), Text(row.Commune.Name), N(s.Probability), N(s.ProbabilityLow),
                N(s.ProbabilityHigh), N(s.ExpectedCount), a.Exploration ? "co" : "khong", a.RiskRank.ToString(CultureInfo.InvariantCulture),
                CalendarQuarter.FromOrdinal(plan.Quarter).Label, plan.Version.Id.ToString(CultureInfo.InvariantCulture), Text(explain.Commune(a)),
            ];
            text.Append(string.Join(',', cells.Select(Quote))).Append("\r\n");
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    private static string N(double v) => v.ToString("0.0000", CultureInfo.InvariantCulture);

    /// <summary>A text cell from data: a leading formula character is neutralised so Excel shows it instead of running it.</summary>
    public static string Text(string cell) =>
        cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + cell : cell;

    private static string Quote(string cell) =>
        cell.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{cell.Replace("\"", "\"\"")}\"" : cell;
}
