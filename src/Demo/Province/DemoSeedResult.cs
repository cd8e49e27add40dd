using DiaBan.Geo.Services;

namespace DiaBan.Demo.Province;

/// <summary>What seeding wrote (or that it found data and wrote nothing), and the yearly classifications after it.</summary>
public sealed record DemoSeedResult(bool AlreadySeeded, int Units, int Incidents, int Indicators, int Businesses, int Routes,
    IReadOnlyList<YearClassification> Years)
{
    public static DemoSeedResult Skipped { get; } = new(true, 0, 0, 0, 0, 0, []);

    public override string ToString() => AlreadySeeded
        ? "already seeded (the database holds boundaries); use --force to wipe and reseed / đã có dữ liệu, dùng --force để nạp lại"
        : $"demo seeded / đã nạp dữ liệu mẫu: {Units} units, {Incidents} incidents, {Indicators} indicator rows, " +
          $"{Businesses} businesses, {Routes} routes" + string.Concat(Years.Select(y => $"\n  {y}"));
}
