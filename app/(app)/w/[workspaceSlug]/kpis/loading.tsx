export { default } from "@/components/app/page-loading";
