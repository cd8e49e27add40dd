using DiaBan.Analytics.Domain;
using DiaBan.Analytics.Records;
using DiaBan.Geo.Data;
using Microsoft.Extensions.Localization;

namespace DiaBan.Web.Map;

/// <summary>
/// What diabanMap.js needs to draw a point or line layer: a colour per kind and every word shown in popups (labels of
/// fields, kinds, sources…). The module decides nothing; the words come from the resources in the user's language.
/// </summary>
public sealed record PlaceLayerStyle(IReadOnlyDictionary<string, string> Colours, IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Kinds, IReadOnlyDictionary<string, string>? Sources = null,
    IReadOnlyDictionary<string, string>? Violations = null, IReadOnlyDictionary<string, string>? InspectionKinds = null);

/// <summary>One layer to draw (<see cref="Name"/>: incidents, businesses, routes); null GeoJson removes it. Key names what is drawn.</summary>
public sealed record PlaceLayerDraw(string Name, string? GeoJson, PlaceLayerStyle Style, string Key);

/// <summary>The colours of the point and line layers (ColorBrewer Set1 / Dark2, distinct from the status fills).</summary>
public static class PlaceStyles
{
    public const string Incidents = "incidents";
    public const string Businesses = "businesses";
    public const string Routes = "routes";

    public static readonly IReadOnlyDictionary<string, string> IncidentColours = new Dictionary<string, string>
    {
        [IncidentKind.Arrest.Code()] = "#e41a1c",
        [IncidentKind.Seizure.Code()] = "#377eb8",
        [IncidentKind.UseSite.Code()] = "#984ea3",
        [IncidentKind.DealingSite.Code()] = "#ff7f00",
        [IncidentKind.PlantSite.Code()] = "#4daf4a",
        [IncidentKind.InspectionViolation.Code()] = "#a65628",
        [IncidentKind.Tip.Code()] = "#f781bf",
        [IncidentKind.Other.Code()] = "#999999",
    };

    public static readonly IReadOnlyDictionary<string, string> BusinessColours = new Dictionary<string, string>
    {
        [SnakeCase.Of(BusinessKind.Karaoke)] = "#1b9e77",
        [SnakeCase.Of(BusinessKind.Bar)] = "#d95f02",
        [SnakeCase.Of(BusinessKind.Hotel)] = "#7570b3",
        [SnakeCase.Of(BusinessKind.Other)] = "#666666",
    };

    public static readonly IReadOnlyDictionary<string, string> RouteColours = new Dictionary<string, string>
    {
        [SnakeCase.Of(RouteKind.Inter)] = "#6a3d9a",
        [SnakeCase.Of(RouteKind.Intra)] = "#b15928",
    };

    public static IReadOnlyDictionary<string, string> IncidentKindWords(IStringLocalizer<PlacesStrings> s) =>
        Enum.GetValues<IncidentKind>().ToDictionary(k => k.Code(), k => s["Kind_" + k.Code()].Value);

    public static IReadOnlyDictionary<string, string> SourceWords(IStringLocalizer<PlacesStrings> s) =>
        Enum.GetValues<IncidentSource>().ToDictionary(k => SnakeCase.Of(k), k => s["Source_" + SnakeCase.Of(k)].Value);

    public static IReadOnlyDictionary<string, string> BusinessKindWords(IStringLocalizer<PlacesStrings> s) =>
        Enum.GetValues<BusinessKind>().ToDictionary(k => SnakeCase.Of(k), k => s["Business_" + SnakeCase.Of(k)].Value);

    public static IReadOnlyDictionary<string, string> ViolationWords(IStringLocalizer<PlacesStrings> s) =>
        Enum.GetValues<BusinessViolation>().ToDictionary(v => v.Code(), v => s["Violation_" + v.Code()].Value);

    public static IReadOnlyDictionary<string, string> InspectionKindWords(IStringLocalizer<PlacesStrings> s) =>
        Enum.GetValues<InspectionKind>().ToDictionary(k => k.Code(), k => s["InspectionKind_" + k.Code()].Value);

    private static IReadOnlyDictionary<string, string> Popup(IStringLocalizer<PlacesStrings> s) => new Dictionary<string, string>
    {
        ["date"] = s["PopupDate"], ["persons"] = s["PopupPersons"], ["source"] = s["PopupSource"], ["recordedBy"] = s["PopupRecordedBy"],
        ["commune"] = s["PopupCommune"], ["kind"] = s["PopupKind"], ["state"] = s["PopupState"], ["open"] = s["Open"], ["closed"] = s["Closed"],
        ["lastInspection"] = s["PopupLastInspection"], ["never"] = s["PopupNever"], ["violations"] = s["PopupViolations"],
        ["findings"] = s["PopupFindings"], ["buffer"] = s["PopupBuffer"],
    };

    public static PlaceLayerStyle IncidentStyle(IStringLocalizer<PlacesStrings> s) =>
        new(IncidentColours, Popup(s), IncidentKindWords(s), SourceWords(s));

    public static PlaceLayerStyle BusinessStyle(IStringLocalizer<PlacesStrings> s) =>
        new(BusinessColours, Popup(s), BusinessKindWords(s), Violations: ViolationWords(s), InspectionKinds: InspectionKindWords(s));

    public static PlaceLayerStyle RouteStyle(IStringLocalizer<PlacesStrings> s) =>
        new(RouteColours, Popup(s), new Dictionary<string, string>
        {
            [SnakeCase.Of(RouteKind.Inter)] = s["Route_inter"], [SnakeCase.Of(RouteKind.Intra)] = s["Route_intra"],
        });
}
