using System.Globalization;
using DiaBan.Analytics.Places;
using DiaBan.Analytics.Risk;

namespace DiaBan.Web.Risk;

/// <summary>
/// How a cell's shift forecast was made from the whole day's (or week's) forecast, for the sheet's shift: the share applied
/// (or, when the forecast stays daily, the timed incidents that were too few), its basis, and whether the sheet is a week's.
/// </summary>
public sealed record ShiftNote(ShiftShare Share, ShiftBasis Basis, bool Week);

/// <summary>
/// The one place a patrol assignment's explanation is worded, in the current UI culture (Vietnamese by default, English
/// when the UI is English; Resources/ReasonStrings*.resx): the commune list (<see cref="PatrolAssignment"/>: page, CSV,
/// /api/patrol) and the cell sheet (<see cref="CellAssignment"/>: page, print, sheet GeoJSON). Exploitation slots say
/// their rank, forecast and the model's reasons (<see cref="RiskReasonText"/>); exploration slots say why they were drawn.
/// </summary>
public sealed class PatrolAssignmentText(RiskReasonText reasons)
{
    private static string I(int v) => v.ToString(CultureInfo.InvariantCulture);

    public RiskReasonText Reasons => reasons;

    /// <summary>A commune on the quarter's patrol list.</summary>
    public string Commune(PatrolAssignment a)
    {
        var s = reasons.Strings;
        string probability = s["Commune_Probability", Percent(a.Probability), PercentPoints(a.ProbabilitySd)];
        if (a.Exploration)
        {
            string visited = a.QuartersSinceLastPatrol == 0 ? s["Commune_PatrolledLastQuarter"] : s["Commune_QuartersUnpatrolled", I(a.QuartersSinceLastPatrol)];
            return s["Commune_Exploration", Percent(a.ExplorationShare), visited, PercentPoints(a.ProbabilitySd), I(a.RiskRank), I(a.Communes), probability];
        }
        string text = s["Commune_Priority", I(a.RiskRank), I(a.Communes), probability, RiskReasonText.Number(a.ExpectedCount)];
        return a.Reasons.Count > 0 ? $"{text} {s["Reasons", reasons.Join(a.Reasons)]}" : text;
    }

    /// <summary>A cell on a commune's patrol sheet, with the shift note when the sheet is for a shift.</summary>
    public string Cell(CellAssignment a, ShiftNote? shift = null)
    {
        var s = reasons.Strings;
        var f = a.Forecast;
        string forecast = s["Cell_Forecast", Forecast(f.Score), Forecast(f.Low), Forecast(f.High)];
        string text;
        if (a.Exploration)
        {
            string visited = a.DaysSinceLastPatrol switch
            {
                null => s["Cell_NeverPatrolled"],
                < 7 => s["Cell_PatrolledThisWeek"],
                int d => s["Cell_WeeksUnpatrolled", I(d / 7)],
            };
            text = s["Cell_Exploration", Percent(a.ExplorationShare), visited, I(a.RiskRank), I(a.Cells), forecast];
        }
        else
            text = $"{s["Cell_Priority", I(a.RiskRank), I(a.Cells), forecast]} "
                   + (f.Reasons.Count > 0 ? s["Reasons", reasons.Join(f.Reasons)] : s["Cell_NoRecentIncident"]);
        return shift is null ? text : $"{text} {Shift(shift)}";
    }

    /// <summary>The sentence saying how the shift's forecast was made from the whole day's (or week's).</summary>
    public string Shift(ShiftNote note)
    {
        var s = reasons.Strings;
        var share = note.Share;
        string whole = s[note.Week ? "Shift_WholeWeek" : "Shift_WholeDay"];
        return note.Basis switch
        {
            ShiftBasis.Daily => s["Shift_Daily", whole, share.Shift.Label, I(share.Of)],
            _ => s[note.Basis == ShiftBasis.CellSet ? "Shift_Scaled_CellSet" : "Shift_Scaled_Commune", share.Shift.Label, whole,
                Percent(share.Share), I(share.Timed), I(share.Of), I(share.Shift.Hours)],
        };
    }

    // a forecast above zero that rounds to 0 reads "dưới 0,01" / "under 0.01", not "0" (the cell is ranked: its risk is not nil)
    private string Forecast(double v) => v is > 0 and < 0.005
        ? reasons.Strings["Cell_Below", RiskReasonText.Number(0.01, 2)] : RiskReasonText.Number(v, 2);

    private string PercentPoints(double spread) => reasons.Strings["PercentPoints", RiskReasonText.Number(spread * 100, 0)];

    private static string Percent(double share) => RiskReasonText.Percent(share);
}
