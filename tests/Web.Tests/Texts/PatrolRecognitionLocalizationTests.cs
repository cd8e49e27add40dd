using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using DiaBan.Analytics.Planning;
using DiaBan.Geo.Data;
using DiaBan.Geo.Import;
using DiaBan.Geo.Services;
using DiaBan.Web.Tests.Risk;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DiaBan.Web.Tests.Texts;

/// <summary>
/// The patrol and recognition pages' resources (Resources/PatrolStrings*.resx, RecognitionStrings*.resx): every Vietnamese
/// key has an English value with the same placeholders, the English has no Vietnamese left in it, and the recognition
/// procedure's states, actions and roles read in Vietnamese exactly as Analytics' labels and in English when the UI is.
/// </summary>
public sealed partial class PatrolRecognitionLocalizationTests
{
    public static TheoryData<string> Resources => new() { nameof(PatrolStrings), nameof(RecognitionStrings) };

    [Theory]
    [MemberData(nameof(Resources))]
    public void Every_key_has_an_english_value_with_the_same_placeholders(string name)
    {
        var vietnamese = Entries(name, CultureInfo.InvariantCulture);
        var english = Entries(name, CultureInfo.GetCultureInfo("en"));
        Assert.NotEmpty(vietnamese);
        Assert.Empty(vietnamese.Keys.Except(english.Keys));
        Assert.Empty(english.Keys.Except(vietnamese.Keys)); // no English left over from a renamed key
        foreach (var (key, vi) in vietnamese)
        {
            var en = english[key];
            Assert.False(string.IsNullOrWhiteSpace(en), $"{name}.{key} has no English");
            Assert.True(Placeholders(vi).SetEquals(Placeholders(en)), $"{name}.{key}: '{vi}' and '{en}' differ in their placeholders");
            Assert.False(VietnameseLetter().IsMatch(en), $"{name}.{key}: the English '{en}' still has Vietnamese in it");
        }
    }

    [Fact]
    public void Recognition_states_actions_and_roles_read_as_analytics_labels_in_vietnamese_and_in_english_when_the_ui_is_english()
    {
        var text = new RecognitionText(Localizer<RecognitionStrings>());
        var vietnamese = Entries(nameof(RecognitionStrings), CultureInfo.InvariantCulture);
        var english = Entries(nameof(RecognitionStrings), CultureInfo.GetCultureInfo("en"));
        foreach (var key in RecognitionText.Keys())
            Assert.True(vietnamese.ContainsKey(key) && english.ContainsKey(key), $"no words for '{key}'");

        foreach (var state in Enum.GetValues<RecognitionState>())
        {
            Assert.Equal(state.VietnameseLabel(), ReasonTexts.In("vi-VN", () => text.State(state)));
            Assert.Equal(state.VietnameseLabel(), ReasonTexts.In("vi-VN", () => text.State(state.Code())));
        }
        foreach (var action in Enum.GetValues<RecognitionAction>())
            Assert.Equal(action.VietnameseLabel(), ReasonTexts.In("vi-VN", () => text.Action(action.Code())));

        Assert.Equal("Recognised", ReasonTexts.In("en", () => text.State(RecognitionState.Recognised)));
        Assert.Equal("Propose recognition", ReasonTexts.In("en", () => text.Action("propose")));
        Assert.Equal("Commune police", ReasonTexts.In("en", () => text.Role("police")));
        Assert.Equal("Công an xã", ReasonTexts.In("vi-VN", () => text.Role("police")));
        // a code the resources do not know is shown as itself
        Assert.Equal("something_new", ReasonTexts.In("en", () => text.State("something_new")));
        // sizes with the language's decimal separator
        Assert.Equal("1,5 MB", ReasonTexts.In("vi-VN", () => text.Size(1536 * 1024)));
        Assert.Equal("1.5 MB", ReasonTexts.In("en", () => text.Size(1536 * 1024)));
        Assert.Equal("12 bytes", ReasonTexts.In("en", () => text.Size(12)));
    }

    [Fact]
    public void Every_fairness_group_geo_names_has_words_in_both_languages()
    {
        // the patrol page's fairness table groups by ScoredCommune.KindLabel, a Vietnamese word, and words it per language
        var vietnamese = Entries(nameof(PatrolStrings), CultureInfo.InvariantCulture);
        var english = Entries(nameof(PatrolStrings), CultureInfo.GetCultureInfo("en"));
        foreach (var kind in new[] { UnitKind.Xa, UnitKind.Phuong, UnitKind.ThiTran, UnitKind.DacKhu })
        {
            var label = new ScoredCommune(null!, "x", "x", kind, 0, []).KindLabel;
            var key = "Group_" + SnakeCase.Of(UnitKinds.Parse(label)!.Value);
            Assert.Equal(label, vietnamese[key]);
            Assert.True(english.ContainsKey(key), key);
        }
    }

    private static IStringLocalizer<T> Localizer<T>() => new StringLocalizer<T>(
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance));

    // one culture's own entries, without falling back to the neutral (Vietnamese) ones
    private static Dictionary<string, string> Entries(string name, CultureInfo culture)
    {
        var manager = new ResourceManager($"DiaBan.Web.Resources.{name}", typeof(PatrolStrings).Assembly);
        var set = manager.GetResourceSet(culture, createIfNotExists: true, tryParents: false);
        Assert.NotNull(set);
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);
    }

    private static HashSet<string> Placeholders(string s) => [.. Regex.Matches(s, @"\{\d+(:[^}]*)?\}").Select(m => m.Value)];

    [GeneratedRegex("[ăâđêôơưĂÂĐÊÔƠƯàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]")]
    private static partial Regex VietnameseLetter();
}
