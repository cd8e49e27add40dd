namespace DiaBan.Analytics.Planning.Completeness;

/// <summary>
/// When a year's figures are due (*hạn gửi số liệu*): 15 January of the following year, the product's stated rule
/// (DOMAIN.md has no deadline; a province's own rule changes this one place). The 6-month figures are not tracked.
/// </summary>
public static class ReportingDeadline
{
    public static DateOnly For(int year) => new(year + 1, 1, 15);

    /// <summary>Whether figures received at <paramref name="receivedOn"/> (null = not received) were on time, as of a day.</summary>
    public static Timeliness Judge(int year, DateOnly? receivedOn, DateOnly today) => receivedOn switch
    {
        { } day when day <= For(year) => Timeliness.OnTime,
        { } => Timeliness.Late,
        null when today <= For(year) => Timeliness.NotDue,
        null => Timeliness.NotReceived,
    };
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
