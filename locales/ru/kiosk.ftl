# Режим киоска (терминал в ЦОН). Ключи совпадают с kk и en.
kiosk-idle-title = Вы ещё здесь?
kiosk-idle-body = { $seconds ->
    [one] Через { $seconds } секунду экран будет очищен для следующего посетителя.
    [few] Через { $seconds } секунды экран будет очищен для следующего посетителя.
   *[other] Через { $seconds } секунд экран будет очищен для следующего посетителя.
}
kiosk-idle-continue = Продолжить
kiosk-idle-finish = Завершить и очистить экран
kiosk-keyboard-label = Экранная клавиатура
kiosk-layout-label = Язык клавиатуры
kiosk-key-shift = Заглавная
kiosk-key-space = Пробел
kiosk-key-backspace = Стереть
kiosk-key-hide = Скрыть клавиатуру
# Keyboard layouts: rows separated by "|", keys by spaces. The same in every language file.
kiosk-keys-kk = ә і ң ғ ү ұ қ ө һ | й ц у к е н г ш щ з х ъ | ф ы в а п р о л д ж э | я ч с м и т ь б ю ё
kiosk-keys-ru = й ц у к е н г ш щ з х ъ | ф ы в а п р о л д ж э | я ч с м и т ь б ю ё
kiosk-keys-en = q w e r t y u i o p | a s d f g h j k l | z x c v b n m
kiosk-keys-common = 1 2 3 4 5 6 7 8 9 0 | - , . / @ _ ( )
kiosk-keys-numeric = 1 2 3 | 4 5 6 | 7 8 9 | 0
kiosk-key-plus = +
kiosk-layout-kk = Қаз
kiosk-layout-ru = Рус
kiosk-layout-en = Eng
