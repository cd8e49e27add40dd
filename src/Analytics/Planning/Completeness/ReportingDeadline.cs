using DiaBan.Analytics.Domain;

namespace DiaBan.Analytics.Planning.Completeness;

/// <summary>
/// When a period's figures are due (*hạn gửi số liệu*): the 15th of the month after the period — 15 January of the
/// following year for a year, 15 April for the first quarter — the product's stated rule (DOMAIN.md has no deadline;
/// a province's own rule changes this one place). Periods below a year are tracked for the figures entered on the web.
/// </summary>
public static class ReportingDeadline
{
    public static DateOnly For(int year) => For(ReportPeriod.Year(year));

    public static DateOnly For(ReportPeriod period) => period.EndExclusive.AddDays(14);

    /// <summary>Whether figures of <paramref name="period"/> received at <paramref name="receivedOn"/> were on time, as of a day.</summary>
    public static Timeliness Judge(ReportPeriod period, DateOnly? receivedOn, DateOnly today) => receivedOn switch
    {
        { } day when day <= For(period) => Timeliness.OnTime,
        { } => Timeliness.Late,
        null when today <= For(period) => Timeliness.NotDue,
        null => Timeliness.NotReceived,
    };

    /// <summary>Whether figures received at <paramref name="receivedOn"/> (null = not received) were on time, as of a day.</summary>
    public static Timeliness Judge(int year, DateOnly? receivedOn, DateOnly today) => Judge(ReportPeriod.Year(year), receivedOn, today);
}

/// <summary>Whether a commune's figures for a year arrived by <see cref="ReportingDeadline"/>.</summary>
public enum Timeliness
{
    /// <summary>Đúng hạn.</summary>
    OnTime,
    /// <summary>Muộn: received after the deadline.</summary>
    Late,
    /// <summary>Chưa nhận, and the deadline has passed.</summary>
    NotReceived,
    /// <summary>Chưa đến hạn: nothing received yet, and it is not due yet.</summary>
    NotDue,
}
