# Kiosk mode (public-service hall terminal). Keys must match kk and ru exactly.
kiosk-idle-title = Are you still there?
kiosk-idle-body = { $seconds ->
    [one] This screen will be cleared for the next person in { $seconds } second.
   *[other] This screen will be cleared for the next person in { $seconds } seconds.
}
kiosk-idle-continue = Continue
kiosk-idle-finish = Finish and clear the screen
kiosk-keyboard-label = On-screen keyboard
kiosk-layout-label = Keyboard language
kiosk-key-shift = Capital
kiosk-key-space = Space
kiosk-key-backspace = Delete
kiosk-key-hide = Hide keyboard
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
