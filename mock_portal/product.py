"""Facts the product states about itself: brand, support desk, addresses."""

from __future__ import annotations

BRAND = "MyCecurity.com"
VENDOR = "Cecurity.com"
VENDOR_TAGLINE = "PRESERVE DIGITAL TRUST"
VENDOR_ADDRESS = "75 rue Saint-Lazare, 75009 Paris"
SUPPORT_EMAIL = "mycecurity@cecurity.com"
SUPPORT_PHONE = "05 82 01 01 01"
SUPPORT_HOURS = "du lundi au vendredi de 09:00 à 12:00 et de 14:00 à 17:00"
NOREPLY_EMAIL = "no-reply@mycecurity.com"
LEGAL_MENTION = (
    "Depuis le 14 décembre 2018, MyCecurity.com est un service de coffre-fort numérique "
    "au sens de l'article L. 103 du Code des Postes et des communications électroniques "
    "et des décrets du 30 mai et du 5 octobre 2018."
)
UPLOAD_MAX_MB = 5
PASSWORD_HINT = "8 caractères au moins, dont une majuscule, une minuscule, un chiffre et un caractère spécial."
LOCKOUT_ATTEMPTS = 3
LOCKOUT_MINUTES = 120
RESET_TOKEN_MINUTES = 60
LOCKOUT_MESSAGE = (
    "Votre compte a été temporairement bloqué suite à de trop nombreuses tentatives. "
    "Merci de réessayer dans 120 minutes et de vérifier que vous saisissez correctement "
    "votre mot de passe en faisant attention aux majuscules et caractères spéciaux."
)
PAYSLIP_FOLDER = "Bulletins de paie"
PERSONAL_FOLDER = "Mes documents"
MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)
