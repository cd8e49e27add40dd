using System.Collections;
using System.Globalization;
using System.Resources;
using DiaBan.Analytics.Classification;
using DiaBan.Analytics.Planning;
using DiaBan.Web.Tests.Risk;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DiaBan.Web.Tests.Localization;

/// <summary>
/// The targets, reports and audit pages and the job progress box read their texts from their own resources: every key
/// has an English value (English never falls back to Vietnamese), and the target enums' words are Analytics'
/// Vietnamese labels word for word in Vietnamese and English words in English.
/// </summary>
public sealed class PageLocalizationTests
{
    public static TheoryData<string> PageResources() => ["TargetsStrings", "ReportsStrings", "AuditStrings", "JobStrings", "PatrolStrings", "RecognitionStrings"];

    [Theory]
    [MemberData(nameof(PageResources))]
    public void Every_key_has_an_english_value_that_is_not_the_vietnamese(string name)
    {
        var resources = new ResourceManager("DiaBan.Web.Resources." + name, typeof(TargetsStrings).Assembly);
        var english = CultureInfo.GetCultureInfo("en");
        var neutral = Keys(resources.GetResourceSet(CultureInfo.InvariantCulture, true, false)!);
        var englishKeys = Keys(resources.GetResourceSet(english, true, false)!);
        Assert.NotEmpty(neutral);
        Assert.Equal(neutral.Order(), englishKeys.Order());
        foreach (var key in neutral)
        {
            string vi = resources.GetString(key, CultureInfo.InvariantCulture)!, en = resources.GetString(key, english)!;
            Assert.False(string.IsNullOrWhiteSpace(vi), $"{name}.{key} has no Vietnamese");
            Assert.False(string.IsNullOrWhiteSpace(en), $"{name}.{key} has no English");
            Assert.True(vi != en, $"{name}.{key} reads the same in English: '{en}'");
        }
    }

    [Fact]
    public void Target_enum_words_are_the_analytics_labels_in_vietnamese_and_english_words_in_english()
    {
        var words = new TargetTexts(Localizer<TargetsStrings>());
        foreach (var verdict in Enum.GetValues<TargetVerdict>())
            Check(verdict.VietnameseLabel(), () => words.Verdict(verdict));
        foreach (var indicator in PlanIndicatorInfo.All)
            Check(indicator.VietnameseLabel(), () => words.Indicator(indicator));
        foreach (var status in CommuneStatusInfo.All)
            Check(status.VietnameseLabel(), () => words.KeyType(status));

        Assert.Equal("On track", ReasonTexts.In("en", () => words.Verdict(TargetVerdict.OnTrack)));
        Assert.Equal("Có nguy cơ không đạt", ReasonTexts.In("vi-VN", () => words.Verdict(TargetVerdict.AtRisk)));
        var target = new PlanTarget
        {
            Scope = TargetScope.Province("01"), Year = 2026, Indicator = PlanIndicator.KeyCommunes, KeyType = CommuneStatus.KeyTypeI,
            Comparison = TargetComparison.Absolute, Direction = TargetDirection.AtMost, Value = 3, LegalBasis = "KH", DocumentNumber = "1/KH",
        };
        Assert.Equal("Xã trọng điểm phức tạp về ma túy (Trọng điểm phức tạp loại I)", ReasonTexts.In("vi-VN", () => words.Indicator(target)));
        Assert.Equal("Key communes with complex drug situations (Key area type I)", ReasonTexts.In("en", () => words.Indicator(target)));
    }

    private static void Check(string vietnamese, Func<string> render)
    {
        Assert.Equal(vietnamese, ReasonTexts.In("vi-VN", render));
        var english = ReasonTexts.In("en", render);
        Assert.NotEqual(vietnamese, english);
        Assert.DoesNotContain("_", english); // not the key itself (Verdict_on_track) as a missing resource would give
    }

    private static IStringLocalizer<T> Localizer<T>() => new StringLocalizer<T>(
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance));

    private static List<string> Keys(ResourceSet set) => set.Cast<DictionaryEntry>().Select(e => (string)e.Key).ToList();
}
