using DiaBan.Analytics.Classification;
using DiaBan.Analytics.Risk;

namespace DiaBan.Analytics.Tests.Risk;

public class VietnameseTextTests
{
    [Fact]
    public void Numbers_use_a_decimal_comma_and_dot_thousands()
    {
        Assert.Equal("1.234,5", VietnameseText.Number(1234.5));
        Assert.Equal("3", VietnameseText.Number(3));
        Assert.Equal("0,76", VietnameseText.Number(0.7619, 2));
        Assert.Equal("0", VietnameseText.Number(-0.01));
        Assert.Equal("73%", VietnameseText.Percent(0.725));
    }

    [Fact]
    public void Phrases_state_the_value_in_plain_vietnamese()
    {
        var catalog = RiskFeatureCatalog.For(FeedbackGuard.ExposureAdjusted).ToDictionary(f => f.Name);
        Assert.Equal("3 điểm sử dụng trái phép đang hoạt động", catalog["active_use_sites"].Phrase(3));
        Assert.Equal("số vụ tăng 4 quý liên tiếp", catalog["rising_streak"].Phrase(4));
        Assert.Equal("cách tuyến trọng điểm về ma túy 1,5 km", catalog["route_distance_km"].Phrase(1.5));
        Assert.Equal("năm trước: không ma túy", catalog["status_last_year"].Phrase(CommuneStatus.DrugFree.Severity()));
        Assert.Equal("12 tin báo, tố giác trong 4 quý gần nhất", catalog["tip_4q"].Phrase(12));
        Assert.StartsWith("xu hướng tăng có ý nghĩa thống kê", catalog["mann_kendall_z_8q"].Phrase(2.74));
    }
}
