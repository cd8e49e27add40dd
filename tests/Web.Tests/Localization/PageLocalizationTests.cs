using System.Globalization;
using System.Text.RegularExpressions;
using DiaBan.Analytics.Classification;
using DiaBan.Analytics.Planning;
using DiaBan.Web.Tests.Risk;

namespace DiaBan.Web.Tests.Localization;

/// <summary>
/// The pages' own resources (targets, reports, audit, the job progress box, patrol, recognition): every Vietnamese key has
/// an English value with the same placeholders and no Vietnamese left in it (English never falls back to Vietnamese), and
/// the target enums' words are Analytics' Vietnamese labels word for word in Vietnamese and English words in English.
/// </summary>
public sealed partial class PageLocalizationTests
{
    public static TheoryData<string> PageResources() => ["TargetsStrings", "ReportsStrings", "AuditStrings", "JobStrings", "PatrolStrings", "RecognitionStrings"];

    [Theory]
    [MemberData(nameof(PageResources))]
    public void Every_key_has_an_english_value_that_is_not_the_vietnamese_with_the_same_placeholders(string name)
    {
        var vietnamese = TestResources.Entries(name, CultureInfo.InvariantCulture);
        var english = TestResources.Entries(name, CultureInfo.GetCultureInfo("en"));
        Assert.NotEmpty(vietnamese);
        Assert.Empty(vietnamese.Keys.Except(english.Keys));
        Assert.Empty(english.Keys.Except(vietnamese.Keys)); // no English left over from a renamed key
        foreach (var (key, vi) in vietnamese)
        {
            var en = english[key];
            Assert.False(string.IsNullOrWhiteSpace(vi), $"{name}.{key} has no Vietnamese");
            Assert.False(string.IsNullOrWhiteSpace(en), $"{name}.{key} has no English");
            Assert.True(vi != en, $"{name}.{key} reads the same in English: '{en}'");
            if (!OtherFormOfTheSameValue.Contains($"{name}.{key}"))
                Assert.True(Placeholders(vi).SetEquals(Placeholders(en)), $"{name}.{key}: '{vi}' and '{en}' differ in their placeholders");
            Assert.False(VietnameseLetter().IsMatch(en), $"{name}.{key}: the English '{en}' still has Vietnamese in it");
        }
    }

    [Fact]
    public void Target_enum_words_are_the_analytics_labels_in_vietnamese_and_english_words_in_english()
    {
        var words = new TargetTexts(TestResources.Localizer<TargetsStrings>());
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

    // keys whose languages each take their own form of one value: "Quý {0}" the roman numeral, "Quarter {1}" the digit;
    // "Tháng {0}" the number, "{1}" the month's English name
    private static readonly HashSet<string> OtherFormOfTheSameValue = ["ReportsStrings.KindQuarter", "ReportsStrings.KindMonth"];

    private static HashSet<string> Placeholders(string s) => [.. Regex.Matches(s, @"\{\d+(:[^}]*)?\}").Select(m => m.Value)];

    [GeneratedRegex("[ăâđêôơưĂÂĐÊÔƠƯàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]")]
    private static partial Regex VietnameseLetter();
}
