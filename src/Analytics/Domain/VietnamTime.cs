namespace DiaBan.Analytics.Domain;

/// <summary>
/// Local time in Vietnam (Asia/Ho_Chi_Minh, UTC+07:00 all year: no daylight saving since 1975). The one home of that
/// zone: incident dates and times of day are stored as local wall-clock values (<c>occurred_on</c> date,
/// <c>occurred_at</c> time of day), and an instant (a timestamp with zone) is turned into them here.
/// </summary>
public static class VietnamTime
{
    /// <summary>IANA name of the zone.</summary>
    public const string ZoneId = "Asia/Ho_Chi_Minh";

    /// <summary>The fixed offset of Vietnamese local time from UTC.</summary>
    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    /// <summary>The zone as a <see cref="TimeZoneInfo"/> (a fixed-offset zone: the same on every machine, with or without tzdata).</summary>
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.CreateCustomTimeZone("ICT", Offset, "ICT", "ICT");

    /// <summary>The instant as Vietnamese wall-clock time (offset +07:00).</summary>
    public static DateTimeOffset ToLocal(DateTimeOffset instant) => instant.ToOffset(Offset);

    /// <summary>The local date and time of day of an instant.</summary>
    public static (DateOnly Date, TimeOnly Time) LocalParts(DateTimeOffset instant)
    {
        var local = ToLocal(instant);
        return (DateOnly.FromDateTime(local.DateTime), TimeOnly.FromDateTime(local.DateTime));
    }

    /// <summary>Today's date in Vietnam.</summary>
    public static DateOnly Today(TimeProvider time) => LocalParts(time.GetUtcNow()).Date;
}
