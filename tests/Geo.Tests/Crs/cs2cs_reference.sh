#!/usr/bin/env bash
# Regenerates cs2cs_reference.csv: reference WGS 84 lon/lat for VN-2000 coordinates, computed by PROJ's cs2cs with each
# CRS's own EPSG definition (projinfo -o PROJ, which carries the EPSG:6960 +towgs84). Run once; the CSV is committed so
# the test needs no PROJ at run time. Steps: a known place (WGS 84) -> the zone's easting/northing rounded to the
# millimetre (the test input) -> cs2cs back to WGS 84 (the expected value).
set -euo pipefail
cd "$(dirname "$0")"
out=cs2cs_reference.csv
echo "epsg,x,y,lon,lat,place" > "$out"
# epsg  lon  lat  place (points inside each zone's area of use, DOMAIN.md §5)
while read -r epsg lon lat place; do
  [ -z "$epsg" ] && continue
  proj="$(projinfo -q -o PROJ "EPSG:$epsg" | sed 's/ +type=crs//')"
  # millimetres for projected CRSs, 1e-9 degree (0.1 mm) for geographic VN-2000
  fmt=%.3f; [ "$epsg" = 4756 ] && fmt=%.9f
  read -r x y _ < <(echo "$lon $lat" | cs2cs -f "$fmt" +proj=longlat +datum=WGS84 +to $proj)
  read -r rlon rlat _ < <(echo "$x $y" | cs2cs -f %.9f $proj +to +proj=longlat +datum=WGS84)
  echo "$epsg,$x,$y,$rlon,$rlat,$place" >> "$out"
done <<'POINTS'
4756 105.8542 21.0285 Ha_Noi
4756 106.7009 10.7769 TP_HCM
4756 105.1524 9.1769 Ca_Mau
3405 105.8542 21.0285 Ha_Noi
3405 103.0 22.4 Lai_Chau
3405 105.7469 10.0452 Can_Tho
3406 109.1967 12.2388 Nha_Trang
3406 108.2208 16.0544 Da_Nang
5896 102.0 21.5 Dien_Bien_west
5897 105.8542 21.0285 Ha_Noi
5897 105.7247 9.2941 Bac_Lieu
5898 108.8004 15.1214 Quang_Ngai
5899 108.2208 16.0544 Da_Nang
5899 107.0843 10.3460 Vung_Tau
9205 103.0163 21.3860 Dien_Bien_Phu
9206 103.9188 21.3270 Son_La
9207 105.1524 9.1769 Ca_Mau
9207 104.8230 8.6050 Dat_Mui
9207 105.0809 10.0125 Rach_Gia
9208 104.9784 22.4856 Lao_Cai
9208 105.6813 18.6734 Vinh
9208 105.4350 10.3860 Long_Xuyen
9209 105.9750 21.1861 Bac_Ninh
9209 106.1200 10.3600 Tay_Ninh
9210 106.7009 10.7769 TP_HCM
9210 106.6881 20.8449 Hai_Phong
9211 106.6222 17.4689 Dong_Hoi
9212 106.8800 11.5400 Binh_Phuoc
9213 105.8480 21.5942 Thai_Nguyen
9214 107.5909 16.4637 Hue
9215 106.7615 21.8537 Lang_Son
9216 108.0000 14.3500 Kon_Tum
9217 109.2196 13.7765 Quy_Nhon
9217 114.3500 10.3800 Truong_Sa
9218 108.1000 10.9300 Phan_Thiet
9218 108.0000 12.6700 Buon_Ma_Thuot
POINTS
echo "wrote $(($(wc -l < "$out") - 1)) points to $out"
