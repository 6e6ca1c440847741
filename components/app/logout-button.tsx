import { useTranslations } from "next-intl";
import { menuItemClass } from "../ui/menu-item";
import { LogoutAction } from "./logout-action";

/** Ends this session (or every session) and goes to the login page; the label comes from the server. */
export function LogoutButton({
  everywhere = false,
  className = menuItemClass,
}: {
  everywhere?: boolean;
  className?: string;
}) {
  const t = useTranslations("nav");
  return (
    <LogoutAction
      everywhere={everywhere}
      className={className}
      label={everywhere ? t("logoutEverywhere") : t("logout")}
    />
  );
}
