/*
 * The 47 prefectures (都道府県) in the JIS X 0401 order, with where each
 * sits on a tile map of Japan (column, row on a 13 x 12 grid, north-east
 * at the top right), the layout such maps commonly use.
 */
#include <string.h>

#include "text.h"

static const struct text_prefecture prefs[47] = {
	{ "北海道", "Hokkaido", 12, 0 }, { "青森県", "Aomori", 11, 2 },
	{ "岩手県", "Iwate", 11, 3 }, { "宮城県", "Miyagi", 11, 4 },
	{ "秋田県", "Akita", 10, 3 }, { "山形県", "Yamagata", 10, 4 },
	{ "福島県", "Fukushima", 11, 5 }, { "茨城県", "Ibaraki", 11, 6 },
	{ "栃木県", "Tochigi", 10, 6 }, { "群馬県", "Gunma", 9, 6 },
	{ "埼玉県", "Saitama", 10, 7 }, { "千葉県", "Chiba", 11, 7 },
	{ "東京都", "Tokyo", 10, 8 }, { "神奈川県", "Kanagawa", 9, 8 },
	{ "新潟県", "Niigata", 9, 5 }, { "富山県", "Toyama", 8, 5 },
	{ "石川県", "Ishikawa", 7, 5 }, { "福井県", "Fukui", 7, 6 },
	{ "山梨県", "Yamanashi", 9, 7 }, { "長野県", "Nagano", 8, 6 },
	{ "岐阜県", "Gifu", 7, 7 }, { "静岡県", "Shizuoka", 8, 8 },
	{ "愛知県", "Aichi", 7, 8 }, { "三重県", "Mie", 6, 8 },
	{ "滋賀県", "Shiga", 6, 7 }, { "京都府", "Kyoto", 5, 7 },
	{ "大阪府", "Osaka", 5, 8 }, { "兵庫県", "Hyogo", 4, 7 },
	{ "奈良県", "Nara", 6, 9 }, { "和歌山県", "Wakayama", 5, 9 },
	{ "鳥取県", "Tottori", 3, 7 }, { "島根県", "Shimane", 2, 7 },
	{ "岡山県", "Okayama", 3, 8 }, { "広島県", "Hiroshima", 2, 8 },
	{ "山口県", "Yamaguchi", 1, 8 }, { "徳島県", "Tokushima", 4, 10 },
	{ "香川県", "Kagawa", 3, 9 }, { "愛媛県", "Ehime", 2, 9 },
	{ "高知県", "Kochi", 3, 10 }, { "福岡県", "Fukuoka", 0, 9 },
	{ "佐賀県", "Saga", 0, 10 }, { "長崎県", "Nagasaki", 0, 11 },
	{ "熊本県", "Kumamoto", 1, 10 }, { "大分県", "Oita", 1, 9 },
	{ "宮崎県", "Miyazaki", 1, 11 }, { "鹿児島県", "Kagoshima", 0, 12 },
	{ "沖縄県", "Okinawa", 0, 13 },
};

int text_prefecture_count(void)
{
	return (int)MD_ARRAY_SIZE(prefs);
}

const struct text_prefecture *text_prefecture_at(int idx)
{
	return idx >= 0 && idx < (int)MD_ARRAY_SIZE(prefs) ? &prefs[idx] : NULL;
}

int text_prefecture_find(const char *s)
{
	size_t i;

	for (i = 0; i < MD_ARRAY_SIZE(prefs); i++) {
		if (!strcmp(prefs[i].name_ja, s) || !strcmp(prefs[i].name_en, s))
			return (int)i;
	}
	return -1;
}
