using System.Globalization;
using DiaBan.Analytics.Planning;
using DiaBan.Geo.Data;
using DiaBan.Geo.Import;
using DiaBan.Geo.Services;
using DiaBan.Web.Tests.Localization;
using DiaBan.Web.Tests.Risk;

namespace DiaBan.Web.Tests.Texts;

/// <summary>
/// The recognition procedure's states, actions and roles read in Vietnamese exactly as Analytics' labels and in English
/// when the UI is, and the patrol page's fairness groups have words in both languages. (That every key of
/// PatrolStrings and RecognitionStrings has its English is checked with the other pages' in PageLocalizationTests.)
/// </summary>
public sealed class PatrolRecognitionLocalizationTests
{
    [Fact]
    public void Recognition_states_actions_and_roles_read_as_analytics_labels_in_vietnamese_and_in_english_when_the_ui_is_english()
    {
        var text = new RecognitionText(TestResources.Localizer<RecognitionStrings>());
        var vietnamese = TestResources.Entries(nameof(RecognitionStrings), CultureInfo.InvariantCulture);
        var english = TestResources.Entries(nameof(RecognitionStrings), CultureInfo.GetCultureInfo("en"));
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
        var vietnamese = TestResources.Entries(nameof(PatrolStrings), CultureInfo.InvariantCulture);
        var english = TestResources.Entries(nameof(PatrolStrings), CultureInfo.GetCultureInfo("en"));
        foreach (var kind in new[] { UnitKind.Xa, UnitKind.Phuong, UnitKind.ThiTran, UnitKind.DacKhu })
        {
            var label = new ScoredCommune(null!, "x", "x", kind, 0, []).KindLabel;
            var key = "Group_" + SnakeCase.Of(UnitKinds.Parse(label)!.Value);
            Assert.Equal(label, vietnamese[key]);
            Assert.True(english.ContainsKey(key), key);
        }
    }
}
