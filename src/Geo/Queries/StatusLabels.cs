using DiaBan.Analytics.Classification;

namespace DiaBan.Geo.Queries;

/// <summary>Vietnamese labels of the stored status codes, as the API returns them (Analytics owns the wording).</summary>
public static class StatusLabels
{
    public static IReadOnlyDictionary<string, string> Vietnamese { get; } =
        CommuneStatusInfo.All.ToDictionary(s => s.Code(), s => s.VietnameseLabel());
}
