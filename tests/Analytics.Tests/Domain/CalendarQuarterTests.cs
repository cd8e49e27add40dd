using DiaBan.Analytics.Domain;

namespace DiaBan.Analytics.Tests.Domain;

public class CalendarQuarterTests
{
    [Theory]
    [InlineData("2026Q4")]
    [InlineData("2026-Q4")]
    [InlineData("2026q4")]
    [InlineData("2026-q4")]
    [InlineData(" 2026Q4 ")]
    public void Both_written_forms_parse_to_the_same_quarter(string text)
    {
        Assert.Equal(new CalendarQuarter(2026, 4), CalendarQuarter.Parse(text));
    }

    [Theory]
    [InlineData("2026Q5", "2026Q4")]
    [InlineData("2026Q0", "2026Q4")]
    [InlineData("26Q4", "2026Q4")]
    [InlineData("2026--Q4", "2026Q4")]
    [InlineData("Q4 2026", "2026Q4")]
    [InlineData("", "2026Q4")]
    public void Malformed_text_is_refused_with_the_expected_form(string text, string shown)
    {
        var e = Assert.Throws<FormatException>(() => CalendarQuarter.Parse(text));
        Assert.Contains(shown, e.Message);
        Assert.False(CalendarQuarter.TryParse(text, out _));
    }

    [Theory]
    [InlineData("0001Q1", 1)]
    [InlineData("5000-Q2", 5000)]
    [InlineData("1989Q4", 1989)]
    public void Absurd_years_are_refused_naming_the_accepted_range(string text, int year)
    {
        var e = Assert.Throws<FormatException>(() => CalendarQuarter.Parse(text));
        Assert.Contains($"{year}", e.Message);
        Assert.Contains("1990–2100", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new CalendarQuarter(year, 1));
    }

    [Fact]
    public void Bounds_of_the_year_range_are_accepted()
    {
        Assert.Equal(1990, CalendarQuarter.Parse("1990Q1").Year);
        Assert.Equal(2100, CalendarQuarter.Parse("2100-Q4").Year);
        Assert.Throws<ArgumentOutOfRangeException>(() => new CalendarQuarter(2024, 5));
    }

    [Fact]
    public void Arithmetic_crosses_year_boundaries()
    {
        var q = new CalendarQuarter(2024, 4);
        Assert.Equal(new CalendarQuarter(2025, 1), q.Next());
        Assert.Equal(new CalendarQuarter(2024, 3), q.Previous());
        Assert.Equal(new CalendarQuarter(2026, 2), q + 6);
        Assert.Equal(new CalendarQuarter(2023, 1), q - 7);
        Assert.Equal(6, new CalendarQuarter(2026, 2) - q);
        Assert.Equal(-6, q - new CalendarQuarter(2026, 2));
        var same = new CalendarQuarter(2024, 4);
        Assert.True(q < q.Next() && q.Next() > q && q <= same && q >= same && !(q < same));
    }

    [Fact]
    public void Ordinal_is_year_times_four_plus_quarter_minus_one()
    {
        Assert.Equal(8096, new CalendarQuarter(2024, 1).Ordinal);
        Assert.Equal(8103, new CalendarQuarter(2025, 4).Ordinal);
        Assert.Equal(new CalendarQuarter(2025, 4), CalendarQuarter.FromOrdinal(8103));
    }

    [Fact]
    public void Range_is_inclusive_and_empty_when_reversed()
    {
        Assert.Equal(["2024Q3", "2024Q4", "2025Q1"],
            CalendarQuarter.Range(new(2024, 3), new(2025, 1)).Select(q => q.ToString()));
        Assert.Single(CalendarQuarter.Range(new(2024, 3), new(2024, 3)));
        Assert.Empty(CalendarQuarter.Range(new(2025, 1), new(2024, 3)));
    }

    [Fact]
    public void Date_range_covers_the_three_months()
    {
        var q = new CalendarQuarter(2024, 1);
        Assert.Equal(new DateOnly(2024, 1, 1), q.Start);
        Assert.Equal(new DateOnly(2024, 3, 31), q.End);
        Assert.Equal(new DateOnly(2024, 4, 1), q.EndExclusive);
        Assert.Equal(new DateOnly(2024, 12, 31), new CalendarQuarter(2024, 4).End);
        Assert.Equal(q, CalendarQuarter.Of(new DateOnly(2024, 3, 31)));
        Assert.Equal(q.Next(), CalendarQuarter.Of(new DateOnly(2024, 4, 1)));
    }

    [Fact]
    public void Written_as_code_and_as_label()
    {
        Assert.Equal("2024Q3", new CalendarQuarter(2024, 3).ToString());
        Assert.Equal("2024-Q3", new CalendarQuarter(2024, 3).Label);
    }
}
