using DiaBan.Analytics.Domain;
using System.Text;
using DiaBan.Analytics.Risk;
using DiaBan.Geo.Data;
using DiaBan.Geo.Services;
using DiaBan.Web.Risk;
using DiaBan.Web.Tests.Risk;

namespace DiaBan.Web.Tests.Security;

/// <summary>Names from imported files must not become spreadsheet formulas when the patrol list is opened in Excel.</summary>
public sealed class PatrolCsvInjectionTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example\",\"Xã A\")")]
    [InlineData("+1+cmd|' /C calc'!A0")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1:A2)")]
    [InlineData("\t=1+1")]
    [InlineData("\r=1+1")]
    public void A_commune_name_that_starts_like_a_formula_is_prefixed_with_an_apostrophe(string name)
    {
        var csv = Encoding.UTF8.GetString(PatrolCsv.Build(Plan(name), ReasonTexts.Assignments()));
        var nameCell = Cells(csv).Single(c => c.TrimStart('\'') == name);
        Assert.StartsWith("'", nameCell);
    }

    [Fact]
    public void Ordinary_names_and_numbers_are_unchanged()
    {
        var csv = Encoding.UTF8.GetString(PatrolCsv.Build(Plan("Xã Tân Lập"), ReasonTexts.Assignments()));
        Assert.Contains(",Xã Tân Lập,", csv);
        Assert.Contains(",0.4200,", csv);
    }

    // the cells of the data row (RFC 4180: quoted cells may hold commas, quotes and line breaks)
    private static List<string> Cells(string csv)
    {
        var body = csv[(csv.IndexOf("\r\n", StringComparison.Ordinal) + 2)..];
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < body.Length && body[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { cells.Add(cell.ToString()); cell.Clear(); }
            else if (c == '\r' && i + 1 < body.Length && body[i + 1] == '\n') break;
            else cell.Append(c);
        }
        cells.Add(cell.ToString());
        return cells;
    }

    private static PatrolPlanResult Plan(string name)
    {
        var score = new RiskScoreRecord { Probability = 0.42, ProbabilityLow = 0.3, ProbabilityHigh = 0.5, ExpectedCount = 1.5 };
        var commune = new ScoredCommune(score, "00001", name, UnitKind.Xa, 1000, []);
        var assignment = new PatrolAssignment(1, "00001", 0, false, 1, 0.42, 0.05, 2, 1, 1.5, 1, 0.2, []);
        var plan = new PatrolPlan([assignment], 1, 0, 0.2, 1);
        var version = new RiskModelRecord { Id = 1 };
        return new PatrolPlanResult(new CalendarQuarter(2026, 1).Ordinal, version, plan, [new PatrolPlanRow(assignment, commune)], [commune]);
    }
}
