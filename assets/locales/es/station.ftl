# La primera pantalla de una estación: el visitante elige un idioma de la lista del operador.

exhibit-choose-language = Idioma: pulsa un número
exhibit-language-choice = { $number }  { $language }
